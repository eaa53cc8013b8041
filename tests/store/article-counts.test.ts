import { describe, expect, it } from 'vitest';
import type { ClassifyResult } from '../../src/domain.js';
import { applyMigrations, openDatabase, type Db } from '../../src/store/db.js';
import { FAST_READ_MIGRATIONS } from '../../src/store/migrations/160-fast-reads.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { saveClassification } from '../../src/store/tags-store.js';
import { countConcernsForArticle, countItemsForArticle, listLatestItemsForArticle } from '../../src/store/treaty-store.js';

const CONCERNS = ['scope', 'safeguards', 'surveillance', 'expression'];
const REFS = ['24', '24.2', '28', '28.4', '28.4.b', '40', '40.21', '62'];

function seedDb(migrations = MIGRATIONS): Db {
  const db = openDatabase(':memory:', migrations);
  for (const id of ['a', 'b']) {
    db.prepare(`INSERT INTO sources (id, name, publisher, kind, url, interval_ms, created_at_ms) VALUES (?, ?, 'p', 'feed', 'https://example.org/', 1, 0)`).run(id, id.toUpperCase());
  }
  return db;
}

function addItem(db: Db, source: string, key: string, publishedAtMs: number | null): number {
  return Number(db.prepare(`INSERT INTO items (source_id, dedupe_key, title, published_at_ms, fetched_at_ms, content_hash) VALUES (?, ?, ?, ?, 5, ?)`)
    .run(source, key, `title ${key}`, publishedAtMs, key).lastInsertRowid);
}

function result(random: () => number): ClassifyResult {
  const refs = REFS.filter(() => random() < 0.3);
  return {
    relevant: random() < 0.7,
    score: 0.5,
    articles: refs,
    concerns: CONCERNS.filter(() => random() < 0.4),
    mentions: refs.map((ref) => ({ raw: `Article ${ref}`, ref, cited_as: ref, version: 'final' as const, sentence: `About ${ref}.` })),
  };
}

// What the lookup counted before the counts were kept: a walk over every tagged row.
function bruteForce(db: Db, article: number) {
  const items = db.prepare(`SELECT COUNT(DISTINCT ia.item_id) FROM item_articles ia JOIN items i ON i.id = ia.item_id
    WHERE ia.article = ? AND COALESCE(i.relevant, 1) = 1`).pluck().get(article);
  const concerns = db.prepare(`SELECT c.concern AS concern, COUNT(*) AS count FROM item_concerns c
    WHERE c.item_id IN (SELECT ia.item_id FROM item_articles ia JOIN items i ON i.id = ia.item_id WHERE ia.article = ? AND COALESCE(i.relevant, 1) = 1)
    GROUP BY c.concern ORDER BY count DESC, concern`).all(article);
  const latest = db.prepare(`SELECT i.id FROM items i WHERE i.id IN (SELECT item_id FROM item_articles WHERE article = ?) AND COALESCE(i.relevant, 1) = 1
    ORDER BY COALESCE(i.published_at_ms, i.fetched_at_ms) DESC, i.id DESC LIMIT 5`).pluck().all(article);
  return { items, concerns, latest };
}

function kept(db: Db, article: number) {
  return {
    items: countItemsForArticle(db, article),
    concerns: countConcernsForArticle(db, article),
    latest: listLatestItemsForArticle(db, article, String(article), 5).map((i) => i.itemId),
  };
}

function seeded(seed: number): () => number {
  let a = seed;
  return () => ((a = (a * 1103515245 + 12345) % 2147483648) / 2147483648);
}

describe('article counts kept by triggers', () => {
  it('match a full walk after random tagging, re-tagging, relevance flips and deletions', () => {
    const db = seedDb();
    const random = seeded(7);
    const ids: number[] = [];
    for (let step = 0; step < 600; step++) {
      const roll = random();
      if (roll < 0.45 || ids.length < 5) {
        const id = addItem(db, random() < 0.5 ? 'a' : 'b', `k${step}`, random() < 0.2 ? null : Math.floor(random() * 1000));
        ids.push(id);
        if (random() < 0.9) saveClassification(db, id, result(random), step);
      } else if (roll < 0.75) {
        saveClassification(db, ids[Math.floor(random() * ids.length)]!, result(random), step);
      } else if (roll < 0.85) {
        db.prepare('UPDATE items SET relevant = ? WHERE id = ?').run(random() < 0.5 ? 1 : 0, ids[Math.floor(random() * ids.length)]!);
      } else if (roll < 0.9) {
        db.prepare('UPDATE items SET published_at_ms = ? WHERE id = ?').run(Math.floor(random() * 1000), ids[Math.floor(random() * ids.length)]!);
      } else {
        const id = ids.splice(Math.floor(random() * ids.length), 1)[0]!;
        db.prepare('DELETE FROM items WHERE id = ?').run(id);
      }
    }
    for (const article of [24, 28, 40, 62, 5]) expect(kept(db, article)).toEqual(bruteForce(db, article));
    // Deleting a source removes its items through the foreign key; the counts follow.
    db.prepare("DELETE FROM sources WHERE id = 'a'").run();
    for (const article of [24, 28, 40, 62]) expect(kept(db, article)).toEqual(bruteForce(db, article));
  });

  it('counts an item citing 28 and 28.4 once, and lists it with the ref closest to the one asked', () => {
    const db = seedDb();
    const id = addItem(db, 'a', 'x', 100);
    saveClassification(db, id, {
      relevant: true, score: 1, articles: ['28', '28.4'], concerns: ['safeguards'],
      mentions: [
        { raw: 'Article 28', ref: '28', cited_as: '28', version: 'final', sentence: 'Article 28 first.' },
        { raw: 'Article 28(4)', ref: '28.4', cited_as: '28.4', version: 'final', sentence: 'Then 28(4).' },
      ],
    }, 1);
    expect(countItemsForArticle(db, 28)).toBe(1);
    expect(countConcernsForArticle(db, 28)).toEqual([{ concern: 'safeguards', count: 1 }]);
    expect(listLatestItemsForArticle(db, 28, '28.4')).toMatchObject([{ itemId: id, ref: '28.4', sentence: 'Then 28(4).', sourceName: 'A' }]);
    expect(listLatestItemsForArticle(db, 28, '28')).toMatchObject([{ ref: '28', sentence: 'Article 28 first.' }]);
  });

  it('are filled from existing tags when the migration runs on an older database', () => {
    const first = Math.min(...FAST_READ_MIGRATIONS.map((m) => m.version));
    const db = seedDb(MIGRATIONS.filter((m) => m.version < first));
    const random = seeded(3);
    for (let i = 0; i < 80; i++) saveClassification(db, addItem(db, 'a', `k${i}`, i), result(random), i);
    // The upgrade: every later migration, in order, as opening the database with this release does.
    expect(applyMigrations(db, MIGRATIONS)).toBe(MIGRATIONS.filter((m) => m.version >= first).length);
    for (const article of [24, 28, 40, 62]) expect(kept(db, article)).toEqual(bruteForce(db, article));
  });
});
