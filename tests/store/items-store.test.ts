import { describe, expect, it } from 'vitest';
import type { KeyedItem } from '../../src/domain.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { countItems, getItems, insertNewItems, recentPublishedTimes } from '../../src/store/items-store.js';
import { insertSource } from '../../src/store/sources-store.js';

function seedDb(): Db {
  const db = openDatabase(':memory:');
  for (const id of ['eff', 'ahc']) insertSource(db, { id, name: id, publisher: id, kind: 'feed', url: `http://127.0.0.1/${id}.xml` }, 'operator', 0);
  return db;
}

function keyed(key: string, publishedAtMs: number | null = null, extra?: Record<string, unknown>): KeyedItem {
  return {
    item: { guid: key, url: `https://example.org/${key}`, title: `Title ${key}`, summary: '', text: '', author: null, publishedAtMs, kind: 'post', ...(extra ? { extra } : {}) },
    key, canonicalUrl: `https://example.org/${key}`, contentHash: `h-${key}`,
  };
}

describe('insertNewItems', () => {
  it('stores only keys the source has not stored, and returns them as stored', () => {
    const db = seedDb();
    const first = insertNewItems(db, 'eff', [keyed('a'), keyed('b', 5, { state: 'Chile' })], { deliverable: false, fetchedAtMs: 10 });
    expect(first.map((i) => [i.dedupeKey, i.deliverable, i.fetchedAtMs, i.publishedAtMs, i.extra, i.relevant])).toEqual([
      ['a', false, 10, null, null, null],
      ['b', false, 10, 5, { state: 'Chile' }, null],
    ]);
    const second = insertNewItems(db, 'eff', [keyed('b'), keyed('c')], { deliverable: true, fetchedAtMs: 20 });
    expect(second.map((i) => [i.dedupeKey, i.deliverable])).toEqual([['c', true]]);
    // The same key from another source is another item.
    expect(insertNewItems(db, 'ahc', [keyed('a')], { deliverable: true, fetchedAtMs: 30 })).toHaveLength(1);
  });
});

describe('getItems and countItems', () => {
  it('reads items by id in id order and counts them in all or per source', () => {
    const db = seedDb();
    const [a, b] = insertNewItems(db, 'eff', [keyed('a'), keyed('b')], { deliverable: true, fetchedAtMs: 1 });
    insertNewItems(db, 'ahc', [keyed('x')], { deliverable: true, fetchedAtMs: 1 });
    expect(getItems(db, [b!.id, a!.id]).map((i) => i.dedupeKey)).toEqual(['a', 'b']);
    expect(getItems(db, [])).toEqual([]);
    const cases: [string | undefined, number][] = [[undefined, 3], ['eff', 2], ['ahc', 1], ['none', 0]];
    for (const [source, n] of cases) expect(countItems(db, source)).toBe(n);
  });
});

describe('recentPublishedTimes', () => {
  it('returns the newest dated items of one source first, at most the limit', () => {
    const db = seedDb();
    insertNewItems(db, 'eff', [keyed('a', 100), keyed('b', null), keyed('c', 300), keyed('d', 200)], { deliverable: true, fetchedAtMs: 1 });
    insertNewItems(db, 'ahc', [keyed('x', 999)], { deliverable: true, fetchedAtMs: 1 });
    expect(recentPublishedTimes(db, 'eff', 10)).toEqual([300, 200, 100]);
    expect(recentPublishedTimes(db, 'eff', 2)).toEqual([300, 200]);
    expect(recentPublishedTimes(db, 'none', 2)).toEqual([]);
  });
});
