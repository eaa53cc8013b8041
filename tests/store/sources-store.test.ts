import { describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../src/domain.js';
import { describeSourceHealth, STALE_DEFAULT_MS, STALE_MIN_MS } from '../../src/poll/source-health.js';
import { openDatabase } from '../../src/store/db.js';
import { insertNewItems } from '../../src/store/items-store.js';
import {
  dueSources, enabledSources, getSource, insertSource, listSources, recordFetchFailure, recordFetchSuccess, removeSource, syncConfiguredSources,
} from '../../src/store/sources-store.js';

const feed = (id: string, url = `https://${id}.example/feed`): SourceConfig => ({ id, name: id, publisher: id, kind: 'feed', url, intervalMs: 60_000 });

describe('syncConfiguredSources', () => {
  it('inserts, updates and disables configured sources but leaves chat-added ones alone', () => {
    const db = openDatabase(':memory:');
    syncConfiguredSources(db, [feed('a'), feed('b')], 'builtin', 0);
    insertSource(db, feed('mine'), 'user', 0);
    recordFetchSuccess(db, 'a', { nowMs: 5, nextCheckAtMs: 10, httpStatus: 200, status: 'new', newItems: 1, etag: '"v1"', lastModified: null });
    syncConfiguredSources(db, [{ ...feed('a'), name: 'A renamed' }], 'builtin', 20);
    expect(getSource(db, 'a')).toMatchObject({ name: 'A renamed', etag: '"v1"', enabled: true, lastSuccessAtMs: 5 });
    expect(getSource(db, 'b')?.enabled).toBe(false);
    expect(getSource(db, 'mine')).toMatchObject({ enabled: true, origin: 'user' });
  });

  it('drops the validators when a source moves to another URL', () => {
    const db = openDatabase(':memory:');
    syncConfiguredSources(db, [feed('a')], 'builtin', 0);
    recordFetchSuccess(db, 'a', { nowMs: 5, nextCheckAtMs: 10, httpStatus: 200, status: 'new', newItems: 1, etag: '"v1"', lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT' });
    syncConfiguredSources(db, [feed('a', 'https://elsewhere.example/feed')], 'builtin', 20);
    expect(getSource(db, 'a')).toMatchObject({ etag: null, lastModified: null, url: 'https://elsewhere.example/feed' });
  });
});

describe('due sources and fetch state', () => {
  it('picks only enabled sources whose next check has come, and counts errors in a row', () => {
    const db = openDatabase(':memory:');
    syncConfiguredSources(db, [feed('a'), feed('b'), feed('c')], 'builtin', 0);
    recordFetchSuccess(db, 'a', { nowMs: 0, nextCheckAtMs: 1_000, httpStatus: 200, status: 'new', newItems: 0, etag: null, lastModified: null });
    recordFetchFailure(db, 'b', { nowMs: 0, nextCheckAtMs: 5_000, httpStatus: 503, error: 'fetch: 503' });
    recordFetchFailure(db, 'b', { nowMs: 0, nextCheckAtMs: 9_000, httpStatus: 503, error: 'fetch: 503 again' });
    expect(dueSources(db, 500).map((s) => s.id)).toEqual(['c']);
    expect(dueSources(db, 2_000).map((s) => s.id)).toEqual(['c', 'a']);
    expect(enabledSources(db, 2_000).map((s) => s.id)).toEqual(['a', 'c']);
    expect(getSource(db, 'b')).toMatchObject({ errorCount: 2, lastError: 'fetch: 503 again', lastHttpStatus: 503 });
    recordFetchSuccess(db, 'b', { nowMs: 10_000, nextCheckAtMs: 20_000, httpStatus: 200, status: 'unchanged', newItems: 0, etag: null, lastModified: null });
    expect(getSource(db, 'b')?.errorCount).toBe(0);
  });

  it('removes a source with its items', () => {
    const db = openDatabase(':memory:');
    insertSource(db, feed('mine'), 'user', 0);
    insertNewItems(db, 'mine', [{ item: { guid: 'g', url: null, title: 't', summary: '', text: '', author: null, publishedAtMs: null, kind: 'post' }, key: 'guid:g', canonicalUrl: null, contentHash: 'h' }], { deliverable: true, fetchedAtMs: 0 });
    expect(removeSource(db, 'mine')).toBe(true);
    expect(removeSource(db, 'mine')).toBe(false);
    expect(db.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 0 });
    expect(listSources(db)).toEqual([]);
  });
});

describe('insertNewItems', () => {
  it('returns only the items whose key is new for that source', () => {
    const db = openDatabase(':memory:');
    syncConfiguredSources(db, [feed('a'), feed('b')], 'builtin', 0);
    const keyed = (key: string) => ({ item: { guid: key, url: null, title: key, summary: '', text: '', author: null, publishedAtMs: null, kind: 'post' as const }, key, canonicalUrl: null, contentHash: key });
    expect(insertNewItems(db, 'a', [keyed('1'), keyed('2')], { deliverable: false, fetchedAtMs: 1 }).map((i) => i.dedupeKey)).toEqual(['1', '2']);
    const second = insertNewItems(db, 'a', [keyed('2'), keyed('3')], { deliverable: true, fetchedAtMs: 2 });
    expect(second.map((i) => [i.dedupeKey, i.deliverable])).toEqual([['3', true]]);
    expect(insertNewItems(db, 'b', [keyed('1')], { deliverable: true, fetchedAtMs: 3 })).toHaveLength(1);
  });
});

describe('describeSourceHealth', () => {
  const day = 86_400_000;
  const setup = (publishedDaysAgo: number[], nowMs: number) => {
    const db = openDatabase(':memory:');
    syncConfiguredSources(db, [feed('a')], 'builtin', 0);
    insertNewItems(db, 'a', publishedDaysAgo.map((d, i) => ({
      item: { guid: String(i), url: null, title: String(i), summary: '', text: '', author: null, publishedAtMs: nowMs - d * day, kind: 'post' as const },
      key: String(i), canonicalUrl: null, contentHash: String(i),
    })), { deliverable: false, fetchedAtMs: 0 });
    return db;
  };

  it('calls a daily source stale after a silent week and a half, but not a monthly one', () => {
    const now = 400 * day;
    const daily = setup([10, 11, 12, 13, 14, 15], now);
    recordFetchSuccess(daily, 'a', { nowMs: now - 10 * day, nextCheckAtMs: 0, httpStatus: 200, status: 'new', newItems: 6, etag: null, lastModified: null });
    recordFetchSuccess(daily, 'a', { nowMs: now, nextCheckAtMs: now + 60_000, httpStatus: 200, status: 'unchanged', newItems: 0, etag: null, lastModified: null });
    expect(describeSourceHealth(daily, getSource(daily, 'a')!, now)).toMatchObject({ state: 'stale', stale: true });

    const monthly = setup([10, 40, 70, 100, 130], now);
    recordFetchSuccess(monthly, 'a', { nowMs: now - 10 * day, nextCheckAtMs: 0, httpStatus: 200, status: 'new', newItems: 5, etag: null, lastModified: null });
    recordFetchSuccess(monthly, 'a', { nowMs: now, nextCheckAtMs: now + 60_000, httpStatus: 200, status: 'unchanged', newItems: 0, etag: null, lastModified: null });
    expect(describeSourceHealth(monthly, getSource(monthly, 'a')!, now)).toMatchObject({ state: 'ok', stale: false });
  });

  it('uses the default window without history, and reports failing and new sources as such', () => {
    const db = setup([], 0);
    expect(describeSourceHealth(db, getSource(db, 'a')!, 0).state).toBe('new');
    recordFetchSuccess(db, 'a', { nowMs: 0, nextCheckAtMs: 0, httpStatus: 200, status: 'first-poll', newItems: 0, etag: null, lastModified: null });
    expect(describeSourceHealth(db, getSource(db, 'a')!, STALE_DEFAULT_MS - 1).state).toBe('ok');
    expect(describeSourceHealth(db, getSource(db, 'a')!, STALE_DEFAULT_MS + 1).state).toBe('stale');
    recordFetchFailure(db, 'a', { nowMs: 1, nextCheckAtMs: 2, httpStatus: 404, error: 'fetch: 404' });
    expect(describeSourceHealth(db, getSource(db, 'a')!, STALE_MIN_MS * 10)).toMatchObject({ state: 'failing', stale: false, lastError: 'fetch: 404' });
  });
});
