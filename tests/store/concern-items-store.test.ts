import { describe, expect, it } from 'vitest';
import { countConcernItems, listRecentConcernItems } from '../../src/store/concern-items-store.js';
import { enqueueFullText, saveFullText } from '../../src/store/fulltext-store.js';
import { addItem, seedStore, tagItem } from '../helpers/store-seed.js';

describe('concern-items store', () => {
  it('counts and lists the newest relevant items of a concern, with the page text only once it is done', () => {
    const db = seedStore();
    const a = addItem(db, 'eff', 'a', { publishedAtMs: 100, summary: 'Summary a' });
    const b = addItem(db, 'ahc', 'b', { publishedAtMs: 200 });
    const off = addItem(db, 'eff', 'off', { publishedAtMs: 300 });
    tagItem(db, a, { concerns: ['surveillance'] });
    tagItem(db, b, { concerns: ['surveillance', 'scope'] });
    tagItem(db, off, { concerns: ['surveillance'], relevant: false });
    enqueueFullText(db, [a, b], 1, 10);
    saveFullText(db, a, { title: 'A', text: 'Full text of a', finalUrl: 'https://example.org/a', contentType: null }, 2);
    expect([countConcernItems(db, 'surveillance'), countConcernItems(db, 'scope'), countConcernItems(db, 'none')]).toEqual([2, 1, 0]);
    const rows = listRecentConcernItems(db, 'surveillance', 5);
    expect(rows.map((r) => [r.itemId, r.sourceName, r.dateMs, r.fullText])).toEqual([[b, 'AHC', 200, null], [a, 'EFF', 100, 'Full text of a']]);
    expect(rows[1]!.summary).toBe('Summary a');
    expect(listRecentConcernItems(db, 'surveillance', 1)).toHaveLength(1);
    expect(listRecentConcernItems(db, 'none', 5)).toEqual([]);
  });
});
