import type { Db } from '../src/store/db.js';
import { syncConfiguredSources } from '../src/store/sources-store.js';
import { generateText, seededRandom } from './generate.js';

/** Items the tracker (web) bench stores, tagged evenly; the lookup and search bench uses skewed data (skewed-store.ts). */
export const ITEMS = 100_000;
const CONCERNS = ['scope', 'safeguards', 'surveillance', 'stored-data-powers', 'compelled-assistance', 'cross-border-cooperation', 'expression', 'ratification'];

/**
 * Stores 100k generated items (4 in 10 about the treaty, each tagged with one article and one
 * concern), one a minute. They go straight in with SQL: this measures reads, not ingest.
 */
export function fillItems(db: Db, seed: number): void {
  const random = seededRandom(seed);
  syncConfiguredSources(db, [{ id: 'bench', name: 'Bench', publisher: 'bench', kind: 'feed', url: 'http://127.0.0.1/' }], 'operator', 0);
  const item = db.prepare(`INSERT INTO items (source_id, dedupe_key, title, summary, text, url, published_at_ms, fetched_at_ms, content_hash, relevant, score)
    VALUES ('bench', @key, @title, @summary, '', @url, @published, @published, @key, @relevant, 0.9)`);
  const tag = db.prepare(`INSERT OR IGNORE INTO item_articles (item_id, ref, article, cited_as, version, raw, sentence) VALUES (?, ?, ?, ?, 'final', ?, ?)`);
  const concern = db.prepare('INSERT OR IGNORE INTO item_concerns (item_id, concern) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < ITEMS; i++) {
      const { text, treaty } = generateText(random, 3, 0.4);
      const id = Number(item.run({ key: `k${i}`, title: text.slice(0, 80), summary: text, url: `https://news.example.org/${i}`, published: 1_700_000_000_000 + i * 60_000, relevant: treaty ? 1 : 0 }).lastInsertRowid);
      if (!treaty) continue;
      const article = 1 + Math.floor(random() * 68);
      const ref = random() < 0.5 ? String(article) : `${article}.${1 + Math.floor(random() * 4)}`;
      tag.run(id, ref, article, ref, `Article ${ref}`, text.slice(0, 200));
      concern.run(id, CONCERNS[Math.floor(random() * CONCERNS.length)]);
    }
  })();
}
