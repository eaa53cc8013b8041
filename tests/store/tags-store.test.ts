import { describe, expect, it } from 'vitest';
import type { ClassifyResult } from '../../src/domain.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { getItems } from '../../src/store/items-store.js';
import { classifyAndSaveItems, itemToClassifyInput, reclassifyStoredItems, saveClassification } from '../../src/store/tags-store.js';

function seedDb(): Db {
  const db = openDatabase(':memory:');
  db.prepare(`INSERT INTO sources (id, name, publisher, kind, url, interval_ms, created_at_ms) VALUES ('eff', 'EFF', 'EFF', 'feed', 'https://www.eff.org/rss/updates.xml', 3600000, 0)`).run();
  return db;
}

function addItem(db: Db, key: string, fields: { title: string; summary?: string; text?: string; publishedAtMs?: number | null }): number {
  const info = db.prepare(`
    INSERT INTO items (source_id, dedupe_key, title, summary, text, published_at_ms, fetched_at_ms, content_hash)
    VALUES ('eff', ?, ?, ?, ?, ?, 0, ?)`).run(key, fields.title, fields.summary ?? '', fields.text ?? '', fields.publishedAtMs ?? null, key);
  return Number(info.lastInsertRowid);
}

const RESULT: ClassifyResult = {
  relevant: true,
  score: 0.97,
  articles: ['28.4', '24'],
  concerns: ['compelled-assistance', 'safeguards'],
  mentions: [
    { raw: 'Article 28(4)', ref: '28.4', cited_as: '28.4', version: 'final', sentence: 'First, Article 28(4) compels.' },
    { raw: 'Article 24', ref: '24', cited_as: '24', version: 'final', sentence: 'Article 24 is weak.' },
    { raw: 'Art. 28, para. 4', ref: '28.4', cited_as: '28.4', version: 'final', sentence: 'Later, Art. 28, para. 4 again.' },
  ],
};

describe('saveClassification', () => {
  it('stores one article row per ref (the first mention wins), the concerns and the verdict', () => {
    const db = seedDb();
    const id = addItem(db, 'a', { title: 'x' });
    saveClassification(db, id, RESULT, 1234);
    const rows = db.prepare('SELECT ref, article, cited_as, version, raw, sentence FROM item_articles WHERE item_id = ? ORDER BY ref').all(id);
    expect(rows).toEqual([
      { ref: '24', article: 24, cited_as: '24', version: 'final', raw: 'Article 24', sentence: 'Article 24 is weak.' },
      { ref: '28.4', article: 28, cited_as: '28.4', version: 'final', raw: 'Article 28(4)', sentence: 'First, Article 28(4) compels.' },
    ]);
    expect(db.prepare('SELECT concern FROM item_concerns WHERE item_id = ? ORDER BY concern').pluck().all(id)).toEqual(['compelled-assistance', 'safeguards']);
    expect(db.prepare('SELECT relevant, score, classified_at_ms FROM items WHERE id = ?').get(id)).toEqual({ relevant: 1, score: 0.97, classified_at_ms: 1234 });
  });

  it('replaces earlier tags instead of adding to them', () => {
    const db = seedDb();
    const id = addItem(db, 'a', { title: 'x' });
    saveClassification(db, id, RESULT, 1);
    saveClassification(db, id, { relevant: false, score: 0.1, articles: [], concerns: [], mentions: [] }, 2);
    expect(db.prepare('SELECT count(*) FROM item_articles').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM item_concerns').pluck().get()).toBe(0);
    expect(db.prepare('SELECT relevant FROM items WHERE id = ?').pluck().get(id)).toBe(0);
  });
});

describe('itemToClassifyInput', () => {
  it('drops a summary that the text repeats and gives the date in UTC', () => {
    const db = seedDb();
    // 23:30 in New York on 25 October is already 26 October in UTC.
    const id = addItem(db, 'a', { title: 'T', summary: 'The opening words…', text: 'The opening words of a long text.', publishedAtMs: Date.parse('2025-10-25T23:30:00-04:00') });
    const input = itemToClassifyInput(getItems(db, [id])[0]!);
    expect(input).toMatchObject({ title: 'T', text: 'The opening words of a long text.', publisher: 'eff', published: '2025-10-26' });
  });

  it('keeps both summary and text when they differ', () => {
    const db = seedDb();
    const id = addItem(db, 'a', { title: 'T', summary: 'A summary.', text: 'Another text.' });
    expect(itemToClassifyInput(getItems(db, [id])[0]!)).toMatchObject({ text: 'A summary.\n\nAnother text.', published: null });
  });
});

describe('classifyAndSaveItems', () => {
  it('classifies and stores each item and returns its result by id', () => {
    const db = seedDb();
    const treaty = addItem(db, 'a', { title: 'US declines to join more than 70 countries in signing UN cybercrime treaty', publishedAtMs: Date.parse('2025-10-27') });
    const other = addItem(db, 'b', { title: 'Ventoy: Create bootable USB drive', publishedAtMs: Date.parse('2025-10-27') });
    const results = db.transaction(() => classifyAndSaveItems(db, getItems(db, [treaty, other]), 99))();
    expect(results.get(treaty)).toMatchObject({ relevant: true, concerns: ['ratification'] });
    expect(results.get(other)).toMatchObject({ relevant: false });
    expect(db.prepare('SELECT id, relevant FROM items ORDER BY id').all()).toEqual([{ id: treaty, relevant: 1 }, { id: other, relevant: 0 }]);
    expect(db.prepare('SELECT concern FROM item_concerns WHERE item_id = ?').pluck().all(treaty)).toEqual(['ratification']);
  });
});

describe('reclassifyStoredItems', () => {
  it('re-tags every item across batches and counts only the items whose tags changed', () => {
    const db = seedDb();
    const ids = [1, 2, 3, 4, 5].map((n) => addItem(db, `k${n}`, { title: n % 2 ? 'Countries sign the UN Convention against Cybercrime in Hanoi' : 'Solar boom', publishedAtMs: Date.parse('2025-10-25') }));
    expect(reclassifyStoredItems(db, 10, 2)).toEqual({ items: 5, changed: 5 });
    expect(reclassifyStoredItems(db, 20, 2)).toEqual({ items: 5, changed: 0 });
    db.prepare('DELETE FROM item_concerns WHERE item_id = ?').run(ids[0]);
    expect(reclassifyStoredItems(db, 30, 2)).toEqual({ items: 5, changed: 1 });
    expect(db.prepare('SELECT count(*) FROM items WHERE classified_at_ms = 30').pluck().get()).toBe(5);
  });
});
