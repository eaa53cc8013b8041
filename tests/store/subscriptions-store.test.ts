import { describe, expect, it } from 'vitest';
import {
  deleteSubscription,
  findSubscription,
  getSubscription,
  listSubscriptions,
  markDigestComposed,
  markWrapUpComposed,
  upsertSubscription,
} from '../../src/store/subscriptions-store.js';
import { seedStore } from '../helpers/store-seed.js';

describe('upsertSubscription', () => {
  it('creates a channel with the defaults: daily 08:00 UTC digest, alerts on, no filters', () => {
    const db = seedStore();
    const sub = upsertSubscription(db, 'slack', 'C1', {}, 100);
    expect(sub).toMatchObject({
      adapter: 'slack', channel: 'C1', digestCron: '0 8 * * *', digestTimeZone: 'UTC', alerts: true,
      filterArticles: [], filterConcerns: [], filterSources: [], sessionMode: false, groupBy: 'concern',
      language: null, lastDigestAtMs: null, nextDigestAtMs: null, lastWrapUpAtMs: null, createdAtMs: 100,
    });
  });

  it('changes only the settings given, keeps the rest and the creation time, and never duplicates a channel', () => {
    const db = seedStore();
    upsertSubscription(db, 'slack', 'C1', { filterArticles: ['28.4'], alerts: false }, 100);
    const sub = upsertSubscription(db, 'slack', 'C1', { digestCron: null, groupBy: 'article', language: 'fr', sessionMode: true }, 200);
    expect(sub).toMatchObject({ digestCron: null, groupBy: 'article', language: 'fr', sessionMode: true, alerts: false, filterArticles: ['28.4'], createdAtMs: 100 });
    expect(listSubscriptions(db)).toHaveLength(1);
  });

  it('round-trips every list filter through JSON, empty lists included', () => {
    const db = seedStore();
    const filters = { filterArticles: ['24', '28.4.b'], filterConcerns: ['surveillance'], filterSources: ['eff', 'ahc'] };
    expect(upsertSubscription(db, 'matrix', '!r:x', filters, 1)).toMatchObject(filters);
    expect(upsertSubscription(db, 'matrix', '!r:x', { filterSources: [] }, 2).filterSources).toEqual([]);
  });
});

describe('find, get, list and delete', () => {
  it('finds by adapter and channel, gets by id, lists oldest first, and answers undefined for unknown ones', () => {
    const db = seedStore();
    const a = upsertSubscription(db, 'slack', 'C1', {}, 1);
    const b = upsertSubscription(db, 'matrix', 'C1', {}, 2);
    expect(findSubscription(db, 'matrix', 'C1')?.id).toBe(b.id);
    expect(findSubscription(db, 'console', 'C1')).toBeUndefined();
    expect(getSubscription(db, a.id)?.adapter).toBe('slack');
    expect(getSubscription(db, 9_999)).toBeUndefined();
    expect(listSubscriptions(db).map((s) => s.id)).toEqual([a.id, b.id]);
  });

  it('deletes a channel once; a second delete or an unknown channel reports nothing deleted', () => {
    const db = seedStore();
    upsertSubscription(db, 'slack', 'C1', {}, 1);
    const cases: [string, boolean][] = [['C1', true], ['C1', false], ['C2', false]];
    for (const [channel, deleted] of cases) expect(deleteSubscription(db, 'slack', channel)).toBe(deleted);
    expect(listSubscriptions(db)).toEqual([]);
  });
});

describe('markDigestComposed and markWrapUpComposed', () => {
  it('record when the digest and the wrap-up went out, and when the next digest is due', () => {
    const db = seedStore();
    const sub = upsertSubscription(db, 'slack', 'C1', {}, 1);
    markDigestComposed(db, sub.id, 500, 86_400_500);
    markWrapUpComposed(db, sub.id, 700);
    expect(getSubscription(db, sub.id)).toMatchObject({ lastDigestAtMs: 500, nextDigestAtMs: 86_400_500, lastWrapUpAtMs: 700 });
    markDigestComposed(db, sub.id, 600, null);
    expect(getSubscription(db, sub.id)).toMatchObject({ lastDigestAtMs: 600, nextDigestAtMs: null });
  });
});
