import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/domain.js';
import { createHostPacer } from '../../src/enrich/host-pacer.js';
import { selectForEnrichment } from '../../src/enrich/select-for-enrichment.js';
import { parseSourceConfigs } from '../../src/poll/source-list.js';
import { openDatabase } from '../../src/store/db.js';
import { countFullTexts, enqueueFullText, listDueFullTextJobs, requeueFullText } from '../../src/store/fulltext-store.js';
import { insertNewItems } from '../../src/store/items-store.js';
import { getSource, insertSource } from '../../src/store/sources-store.js';
import { assignDedupeKeys } from '../../src/parse/dedupe-key.js';

function item(id: number, over: Partial<Item> = {}): Item {
  return {
    id, sourceId: 's', dedupeKey: String(id), kind: 'post', guid: null, url: `https://example.org/${id}`, canonicalUrl: null, title: 't',
    summary: '', text: '', author: null, publishedAtMs: null, fetchedAtMs: 0, contentHash: '', extra: null, deliverable: true, relevant: null, score: null,
    ...over,
  };
}

describe('selectForEnrichment', () => {
  const relevant = new Map([[1, { relevant: true }], [2, { relevant: false }], [3, { relevant: true }], [4, { relevant: true }], [5, { relevant: true }]]);
  const items = [item(1), item(2), item(3, { kind: 'ratification' }), item(4, { url: null }), item(5, { url: 'ftp://example.org/x' })];

  it.each([
    ['relevant', true, [1]],
    ['all', true, [1, 2]],
    ['off', true, []],
    ['relevant', false, []],
  ] as const)('with the source set to %s and the switch %s, queues %j', (mode, enabled, expected) => {
    expect(selectForEnrichment(items, relevant, () => mode, enabled)).toEqual(expected);
  });
});

describe('fullText in the sources file', () => {
  it.each([[false, 'off'], [true, 'relevant'], ['all', 'all']] as const)('reads %j as %s and stores it', (value, mode) => {
    const [config] = parseSourceConfigs([{ id: 'a', kind: 'feed', url: 'https://example.org/feed', fullText: value }]);
    expect(config!.fullText).toBe(mode);
    const db = openDatabase(':memory:');
    insertSource(db, config!, 'operator', 0);
    expect(getSource(db, 'a')!.fullText).toBe(mode);
  });

  it('refuses anything else, naming the entry', () => {
    expect(() => parseSourceConfigs([{ id: 'a', kind: 'feed', url: 'https://example.org/feed', fullText: 'yes' }])).toThrow(/entry 1 \(a\): fullText must be false, true or "all"/);
  });
});

describe('the enrichment queue', () => {
  it('is bounded: past the cap new items are recorded as skipped, and a backfill queues them again', () => {
    const db = openDatabase(':memory:');
    insertSource(db, { id: 's', name: 's', publisher: 's', kind: 'feed', url: 'https://example.org/feed' }, 'operator', 0);
    const parsed = [1, 2, 3].map((n) => ({ guid: `g${n}`, url: `https://example.org/${n}`, title: `t${n}`, summary: '', text: '', author: null, publishedAtMs: null, kind: 'post' as const }));
    const ids = insertNewItems(db, 's', assignDedupeKeys(parsed), { deliverable: true, fetchedAtMs: 0 }).map((i) => i.id);
    expect(enqueueFullText(db, ids, 0, 2)).toBe(2);
    expect(enqueueFullText(db, ids, 0, 2)).toBe(0); // already queued
    expect([countFullTexts(db, 'pending'), countFullTexts(db, 'skipped')]).toEqual([2, 1]);
    expect(listDueFullTextJobs(db, 0, 10).map((j) => j.itemId)).toEqual(ids.slice(0, 2));
    expect(listDueFullTextJobs(db, 0, 10, new Set([ids[0]!])).map((j) => j.itemId)).toEqual([ids[1]]);
    expect(requeueFullText(db, ids, 5)).toBe(1);
    expect(countFullTexts(db, 'pending')).toBe(3);
  });
});

describe('createHostPacer', () => {
  it('allows one request per host per interval, and holds a host for Retry-After', () => {
    const pacer = createHostPacer(2_000);
    expect(pacer.tryTake('a.org', 0)).toBe(true);
    expect(pacer.tryTake('a.org', 1_999)).toBe(false);
    expect(pacer.tryTake('b.org', 1_999)).toBe(true);
    expect(pacer.tryTake('a.org', 2_000)).toBe(true);
    pacer.blockUntil('b.org', 60_000);
    expect(pacer.tryTake('b.org', 59_999)).toBe(false);
    expect(pacer.freeAt('b.org')).toBe(60_000);
  });
});
