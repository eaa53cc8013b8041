import { describe, expect, it } from 'vitest';
import type { ClassifyResult } from '../../src/domain.js';
import type { Db } from '../../src/store/db.js';
import { addItem as addStoredItem, seedStore } from '../helpers/store-seed.js';
import { readItemBatch, readStoredTags, saveClassification } from '../../src/store/tags-store.js';

function addItem(db: Db, key: string, fields: { title: string; summary?: string; text?: string; publishedAtMs?: number | null }): number {
  return addStoredItem(db, 'eff', key, fields);
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
    const db = seedStore();
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
    const db = seedStore();
    const id = addItem(db, 'a', { title: 'x' });
    saveClassification(db, id, RESULT, 1);
    saveClassification(db, id, { relevant: false, score: 0.1, articles: [], concerns: [], mentions: [] }, 2);
    expect(db.prepare('SELECT count(*) FROM item_articles').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM item_concerns').pluck().get()).toBe(0);
    expect(db.prepare('SELECT relevant FROM items WHERE id = ?').pluck().get(id)).toBe(0);
  });
});

describe('readStoredTags', () => {
  it('reads back what saveClassification stored', () => {
    const db = seedStore();
    const id = addItem(db, 'a', { title: 'x' });
    saveClassification(db, id, RESULT, 1);
    const tags = readStoredTags(db, id);
    expect({ ...tags, articles: tags.articles.sort(), concerns: tags.concerns.sort() })
      .toEqual({ relevant: true, articles: ['24', '28.4'], concerns: ['compelled-assistance', 'safeguards'] });
  });
});

describe('readItemBatch', () => {
  it('returns items after an id in id order, at most the limit, marking the classified ones', () => {
    const db = seedStore();
    const ids = ['a', 'b', 'c'].map((k) => addItem(db, k, { title: k }));
    saveClassification(db, ids[1]!, RESULT, 1);
    expect(readItemBatch(db, ids[0]!, 5).map((r) => [r.item.id, r.item.title, r.classified])).toEqual([[ids[1], 'b', true], [ids[2], 'c', false]]);
    expect(readItemBatch(db, 0, 1).map((r) => r.item.id)).toEqual([ids[0]]);
    expect(readItemBatch(db, ids[2]!, 5)).toEqual([]);
  });
});
