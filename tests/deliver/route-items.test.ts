import { describe, expect, it } from 'vitest';
import type { ClassifyResult } from '../../src/domain.js';
import { matchesFilters, routeItem, routeNewItems, type RoutableItem } from '../../src/deliver/route-items.js';
import { openDatabase } from '../../src/store/db.js';
import { listPosts } from '../../src/store/deliveries-store.js';
import { upsertSubscription, type Subscription } from '../../src/store/subscriptions-store.js';
import { seedItem } from './delivery-fixtures.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const base: RoutableItem = { kind: 'post', sourceId: 'eff', sourcePriority: 'normal', deliverable: true, relevant: true, articles: ['28.4'], concerns: ['compelled-assistance'] };
const sub = { id: 1, alerts: true, sessionMode: false, filterArticles: [], filterConcerns: [], filterSources: [] } as unknown as Subscription;
const SESSION_DAY_MS = Date.UTC(2026, 0, 27, 12);
const QUIET_DAY_MS = Date.UTC(2026, 4, 5, 12);

describe('routeItem', () => {
  it.each([
    ['a relevant post goes to the digest only', {}, {}, false, ['digest']],
    ['an irrelevant post goes nowhere', { relevant: false }, {}, false, []],
    ['a first-poll item goes nowhere', { deliverable: false, kind: 'document' }, {}, false, []],
    ['an official document is alerted and digested', { kind: 'document' }, {}, false, ['alert', 'digest']],
    ['a ratification is alerted even when the classifier missed it', { kind: 'ratification', relevant: false }, {}, false, ['alert', 'digest']],
    ['a high-priority source is alerted', { sourcePriority: 'high' }, {}, false, ['alert', 'digest']],
    ['alerts off: digest only', { kind: 'document' }, { alerts: false }, false, ['digest']],
    ['session mode in a session alerts every item', {}, { sessionMode: true }, true, ['alert', 'digest']],
    ['session mode outside a session does not', {}, { sessionMode: true }, false, ['digest']],
    ['a session without session mode does not', {}, {}, true, ['digest']],
    ['an article filter that does not match', {}, { filterArticles: ['29'] }, false, []],
  ] as const)('%s', (_name, item, subPatch, inSession, expected) => {
    expect(routeItem({ ...base, ...item }, { ...sub, ...subPatch } as Subscription, inSession)).toEqual(expected);
  });
});

describe('matchesFilters', () => {
  it.each([
    [{ filterArticles: ['28'] }, true],
    [{ filterArticles: ['28.4'] }, true],
    [{ filterArticles: ['2'] }, false],
    [{ filterConcerns: ['surveillance', 'compelled-assistance'] }, true],
    [{ filterConcerns: ['surveillance'] }, false],
    [{ filterSources: ['hrw'] }, false],
    [{ filterSources: ['eff'], filterArticles: ['28'] }, true],
  ])('%j -> %s', (patch, expected) => {
    expect(matchesFilters(base, { filterArticles: [], filterConcerns: [], filterSources: [], ...patch })).toBe(expected);
  });
});

describe('routeNewItems', () => {
  it('writes deliveries and a ready alert post, and writes nothing twice', () => {
    const db = openDatabase(':memory:');
    const s = upsertSubscription(db, 'console', 'console', {}, 0);
    const doc = seedItem(db, { kind: 'document', title: 'A/AC.291/L.15', articles: ['28'] });
    const post = seedItem(db, { title: 'Blog post' });
    const off = seedItem(db, { title: 'Unrelated', relevant: false });
    const results = new Map<number, ClassifyResult>([doc, post, off].map((x) => [x.item.id, x.result]));
    const items = [doc.item, post.item, off.item];
    expect(routeNewItems(db, KNOWLEDGE, items, results, QUIET_DAY_MS)).toBe(3);
    expect(routeNewItems(db, KNOWLEDGE, items, results, QUIET_DAY_MS)).toBe(0);
    const posts = listPosts(db, s.id);
    expect(posts.map((p) => [p.kind, p.message.summary])).toEqual([['alert', 'New official document: A/AC.291/L.15']]);
  });

  it('alerts every matching item to session-mode channels during a session week', () => {
    const db = openDatabase(':memory:');
    const s = upsertSubscription(db, 'console', 'console', { sessionMode: true, filterConcerns: ['surveillance'] }, 0);
    const hit = seedItem(db, { title: 'Interception debate', concerns: ['surveillance'] });
    const miss = seedItem(db, { title: 'Capacity building', concerns: ['technical-assistance'] });
    const results = new Map([hit, miss].map((x) => [x.item.id, x.result]));
    routeNewItems(db, KNOWLEDGE, [hit.item, miss.item], results, SESSION_DAY_MS);
    expect(listPosts(db, s.id).map((p) => p.message.summary)).toEqual(['New: Interception debate']);
  });
});
