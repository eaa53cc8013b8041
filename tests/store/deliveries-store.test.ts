import { describe, expect, it } from 'vitest';
import { textMessage } from '../../src/chat/message.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import {
  attachDeliveries, countDeliveryBacklog, insertDelivery, insertPost, listDuePosts, listPosts, listUnpostedItemIds,
  listUnreportedFailures, markFailuresReported, markPostFailed, markPostRetry, markPostSending, markPostSent,
} from '../../src/store/deliveries-store.js';
import { upsertSubscription } from '../../src/store/subscriptions-store.js';
import { seedItem } from '../deliver/delivery-fixtures.js';

function setup(): { db: Db; subId: number; itemIds: number[] } {
  const db = openDatabase(':memory:');
  const sub = upsertSubscription(db, 'console', 'general', { alerts: true }, 0);
  const itemIds = [1, 2, 3].map(() => seedItem(db, {}).item.id);
  return { db, subId: sub.id, itemIds };
}

describe('insertDelivery and attachDeliveries', () => {
  it('records a delivery once, lists it until a post takes it, then not again', () => {
    const { db, subId, itemIds } = setup();
    expect(itemIds.map((itemId) => insertDelivery(db, { subscriptionId: subId, itemId, kind: 'digest', nowMs: 1 }))).toEqual([true, true, true]);
    expect(insertDelivery(db, { subscriptionId: subId, itemId: itemIds[0]!, kind: 'digest', nowMs: 2 })).toBe(false);
    expect(listUnpostedItemIds(db, subId, 'digest')).toEqual(itemIds);
    expect(listUnpostedItemIds(db, subId, 'alert')).toEqual([]);
    const postId = insertPost(db, { subscriptionId: subId, kind: 'digest', message: textMessage('digest', 'two items'), nowMs: 3 });
    attachDeliveries(db, subId, 'digest', itemIds.slice(0, 2), postId);
    expect(listUnpostedItemIds(db, subId, 'digest')).toEqual([itemIds[2]]);
    expect(countDeliveryBacklog(db)).toEqual({ unposted: 1, pending: 1, sending: 0, sent: 0, failed: 0 });
  });
});

describe('post status', () => {
  it('moves a post through sending, retry, sent and failed, and lists only what is due', () => {
    const { db, subId } = setup();
    const a = insertPost(db, { subscriptionId: subId, kind: 'alert', message: textMessage('alert', 'a'), nowMs: 10 });
    const b = insertPost(db, { subscriptionId: subId, kind: 'alert', message: textMessage('alert', 'b'), nowMs: 10 });
    const cases: [string, () => void, number, number[]][] = [
      ['both new posts are due', () => undefined, 10, [a, b]],
      ['a post being sent stays due (a crash resends it)', () => markPostSending(db, a), 10, [a, b]],
      ['a retry waits for its next attempt', () => markPostRetry(db, a, 'busy', 50), 20, [b]],
      ['and is due again then', () => undefined, 50, [a, b]],
      ['sent and failed posts are never due', () => { markPostSent(db, a, 'ts-1', 60); markPostFailed(db, b, 'channel_not_found'); }, 99, []],
    ];
    for (const [, step, nowMs, due] of cases) {
      step();
      expect(listDuePosts(db, nowMs).map((p) => p.id)).toEqual(due);
    }
    expect(listPosts(db, subId).map((p) => [p.status, p.platformId, p.lastError, p.attempts, p.adapter, p.channel])).toEqual([
      ['sent', 'ts-1', null, 1, 'console', 'general'],
      ['failed', null, 'channel_not_found', 0, 'console', 'general'],
    ]);
    expect(listPosts(db, subId)[0]!.message).toEqual(textMessage('alert', 'a'));
  });

  it('reports each failed post once', () => {
    const { db, subId } = setup();
    const id = insertPost(db, { subscriptionId: subId, kind: 'digest', message: textMessage('digest', 'x'), nowMs: 1 });
    markPostFailed(db, id, 'not_in_channel');
    expect(listUnreportedFailures(db, subId).map((p) => p.id)).toEqual([id]);
    markFailuresReported(db, [id]);
    expect(listUnreportedFailures(db, subId)).toEqual([]);
  });
});
