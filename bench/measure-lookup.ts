import { join } from 'node:path';
import { openDatabase, type Db } from '../src/store/db.js';
import { syncConfiguredSources } from '../src/store/sources-store.js';
import { answerArticle } from '../src/commands/answer-article.js';
import { answerSearch } from '../src/commands/answer-search.js';
import { generateText, seededRandom } from './generate.js';
import { percentile, round, type Figure } from './run.js';

/** Items the read benches store. */
export const ITEMS = 100_000;
const LOOKUPS = 2_000;
const CONCERNS = ['scope', 'safeguards', 'surveillance', 'stored-data-powers', 'compelled-assistance', 'cross-border-cooperation', 'expression', 'ratification'];
const WORDS = ['surveillance', 'safeguards', 'Hanoi signature', 'traffic data', 'encryption keys', 'dual criminality', 'human rights', 'ratification'];

/** `article` lookup and `search` latency with 100k stored items, next to the bare SQL they run on. */
export function measureLookup(dir: string, seed: number): Figure[] {
  const db = openDatabase(join(dir, 'lookup.db'));
  fillItems(db, seed);
  const random = seededRandom(seed + 1);
  const refs = Array.from({ length: LOOKUPS }, () => {
    const article = 1 + Math.floor(random() * 68);
    return random() < 0.5 ? String(article) : `${article}.${1 + Math.floor(random() * 4)}`;
  });
  for (const ref of refs.slice(0, 50)) answerArticle(db, ref); // warm-up

  const lookup = time(refs, (ref) => answerArticle(db, ref));
  const latest = db.prepare(`SELECT i.id, i.title, i.url, a.sentence FROM item_articles a JOIN items i ON i.id = a.item_id
    WHERE a.article = ? ORDER BY i.published_at_ms DESC LIMIT 5`);
  const rawLookup = time(refs, (ref) => latest.all(Number(ref.split('.')[0])));

  const queries = Array.from({ length: 500 }, () => WORDS[Math.floor(random() * WORDS.length)]!);
  const search = time(queries, (q) => answerSearch(db, q));
  const fts = db.prepare(`SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY bm25(items_fts) LIMIT 10`);
  const rawSearch = time(queries, (q) => fts.all(q.split(' ').map((w) => `"${w}"`).join(' ')));
  db.close();
  return [
    { name: '/article lookup p50', value: round(percentile(lookup, 50)), unit: 'ms', baseline: { name: 'bare SQL p50', value: round(percentile(rawLookup, 50)) }, budget: null, met: null },
    { name: '/article lookup p99', value: round(percentile(lookup, 99)), unit: 'ms', baseline: { name: 'bare SQL p99', value: round(percentile(rawLookup, 99)) }, budget: '< 10 ms', met: percentile(lookup, 99) < 10 },
    { name: 'search p50', value: round(percentile(search, 50)), unit: 'ms', baseline: { name: 'bare FTS5 p50', value: round(percentile(rawSearch, 50)) }, budget: null, met: null },
    { name: 'search p99', value: round(percentile(search, 99)), unit: 'ms', baseline: { name: 'bare FTS5 p99', value: round(percentile(rawSearch, 99)) }, budget: null, met: null },
  ];
}

function time<T>(inputs: readonly T[], fn: (input: T) => unknown): number[] {
  return inputs.map((input) => {
    const t = performance.now();
    fn(input);
    return performance.now() - t;
  });
}

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
