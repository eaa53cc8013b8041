import { describe, expect, it } from 'vitest';
import {
  countDueFullTexts,
  countFullTexts,
  enqueueFullText,
  getEnrichedText,
  getFullText,
  listBackfillItemIds,
  listDueFullTextJobs,
  nextFullTextDueAt,
  postponeFullText,
  recordFullTextFailure,
  requeueFullText,
  saveFullText,
  searchFullTexts,
} from '../../src/store/fulltext-store.js';
import { insertSource } from '../../src/store/sources-store.js';
import { addItem, seedStore, tagItem } from '../helpers/store-seed.js';

const PAGE = { title: 'Page', text: 'The convention lets police compel decryption keys.', finalUrl: 'https://example.org/final', contentType: 'text/html' };

function seedItems(n: number) {
  const db = seedStore();
  insertSource(db, { id: 'chat', name: 'Chat', publisher: 'chat', kind: 'feed', url: 'https://feeds.example.org/x.xml' }, 'user', 0);
  const ids = Array.from({ length: n }, (_, i) => addItem(db, i === 0 ? 'chat' : 'eff', `k${i}`, { publishedAtMs: 1_000 + i }));
  return { db, ids };
}

describe('the enrichment queue', () => {
  it('queues items once, beyond the cap as skipped with the reason, and lists due jobs oldest first', () => {
    const { db, ids } = seedItems(4);
    expect(enqueueFullText(db, ids.slice(0, 3), 100, 2)).toBe(2);
    expect(enqueueFullText(db, ids.slice(0, 2), 200, 10)).toBe(0);
    expect(getFullText(db, ids[2]!)).toMatchObject({ status: 'skipped', error: expect.stringContaining('queue was full') });
    expect([countFullTexts(db), countFullTexts(db, 'pending'), countFullTexts(db, 'skipped'), countFullTexts(db, 'done')]).toEqual([3, 2, 1, 0]);
    const jobs = listDueFullTextJobs(db, 100, 10);
    expect(jobs.map((j) => [j.itemId, j.sourceId, j.untrusted, j.attempts])).toEqual([[ids[0], 'chat', true, 0], [ids[1], 'eff', false, 0]]);
    expect(listDueFullTextJobs(db, 99, 10)).toEqual([]);
    expect(listDueFullTextJobs(db, 100, 10, new Set([ids[0]!])).map((j) => j.itemId)).toEqual([ids[1]]);
    expect(listDueFullTextJobs(db, 100, 1)).toHaveLength(1);
    expect([countDueFullTexts(db, 100), countDueFullTexts(db, 99), nextFullTextDueAt(db)]).toEqual([2, 0, 100]);
  });

  it('stores a page once; a second save or a save of an unknown item changes nothing', () => {
    const { db, ids } = seedItems(1);
    enqueueFullText(db, ids, 100, 10);
    expect(saveFullText(db, ids[0]!, PAGE, 150)).toBe(true);
    expect(saveFullText(db, ids[0]!, { ...PAGE, text: 'other' }, 160)).toBe(false);
    expect(saveFullText(db, 9_999, PAGE, 160)).toBe(false);
    expect(getFullText(db, ids[0]!)).toMatchObject({ status: 'done', attempts: 1, error: null, text: PAGE.text, finalUrl: PAGE.finalUrl, extractedAtMs: 150 });
    expect(getEnrichedText(db, ids[0]!)).toBe(PAGE.text);
    expect(getFullText(db, 9_999)).toBeUndefined();
    expect(nextFullTextDueAt(db)).toBeNull();
  });

  it('retries a failure later, gives up on a permanent one, postpones without counting, and requeues failed and skipped rows', () => {
    const { db, ids } = seedItems(3);
    enqueueFullText(db, ids.slice(0, 2), 100, 10);
    recordFullTextFailure(db, ids[0]!, 'HTTP 503', 500, 120);
    expect(getFullText(db, ids[0]!)).toMatchObject({ status: 'pending', attempts: 1, error: 'HTTP 503', nextAttemptAtMs: 500, extractedAtMs: null });
    recordFullTextFailure(db, ids[1]!, 'HTTP 404', null, 130);
    expect(getFullText(db, ids[1]!)).toMatchObject({ status: 'failed', attempts: 1, extractedAtMs: 130 });
    postponeFullText(db, ids[0]!, 400);
    expect(getFullText(db, ids[0]!)!.nextAttemptAtMs).toBe(500);
    postponeFullText(db, ids[0]!, 900);
    expect(getFullText(db, ids[0]!)).toMatchObject({ nextAttemptAtMs: 900, attempts: 1 });
    expect(getEnrichedText(db, ids[1]!)).toBeNull();
    // The failed row and a never-queued item come back as pending; the pending one is left as it is.
    expect(requeueFullText(db, ids, 1_000)).toBe(2);
    expect(getFullText(db, ids[1]!)).toMatchObject({ status: 'pending', attempts: 0, error: null, nextAttemptAtMs: 1_000 });
    expect(getFullText(db, ids[2]!)!.status).toBe('pending');
    expect(getFullText(db, ids[0]!)!.nextAttemptAtMs).toBe(900);
  });
});

describe('listBackfillItemIds and searchFullTexts', () => {
  it('picks relevant linked items dated since the cutoff that are not done or waiting, oldest first', () => {
    const { db, ids } = seedItems(4);
    for (const id of ids) tagItem(db, id, {});
    tagItem(db, ids[3]!, { relevant: false });
    enqueueFullText(db, [ids[1]!], 1, 10);
    expect(listBackfillItemIds(db, 0)).toEqual([ids[0], ids[2]]);
    expect(listBackfillItemIds(db, 1_001)).toEqual([ids[2]]);
    expect(listBackfillItemIds(db, 5_000)).toEqual([]);
  });

  it('finds enriched text of relevant items with a snippet and a rank', () => {
    const { db, ids } = seedItems(2);
    enqueueFullText(db, ids, 1, 10);
    saveFullText(db, ids[0]!, PAGE, 2);
    saveFullText(db, ids[1]!, { ...PAGE, text: 'Decryption keys at a football club.' }, 2);
    tagItem(db, ids[0]!, {});
    tagItem(db, ids[1]!, { relevant: false });
    const found = searchFullTexts(db, 'decryption', 10);
    expect(found.map((m) => m.itemId)).toEqual([ids[0]]);
    expect(found[0]!.snippet).toContain('decryption');
    expect(typeof found[0]!.rank).toBe('number');
    expect(searchFullTexts(db, 'absent', 10)).toEqual([]);
  });
});
