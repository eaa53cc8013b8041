import { describe, expect, it } from 'vitest';
import { PostError } from '../../src/chat/chat-adapter.js';
import { deliverPending, POST_PACE_MS, type Pacer } from '../../src/deliver/deliver-pending.js';
import { silentLogger } from '../../src/log.js';
import { openDatabase } from '../../src/store/db.js';
import { insertPost, listPosts, markPostSending } from '../../src/store/deliveries-store.js';
import { upsertSubscription } from '../../src/store/subscriptions-store.js';
import { createRecordingAdapter } from './delivery-fixtures.js';

function setup() {
  const db = openDatabase(':memory:');
  const adapter = createRecordingAdapter('test');
  let now = 10_000;
  const clock = { now: () => now, advance: (ms: number) => void (now += ms) };
  const deps = { db, adapters: new Map([['test', adapter]]), log: silentLogger, now: clock.now };
  const queue = (channel: string, summary: string) => {
    const sub = upsertSubscription(db, 'test', channel, {}, 0);
    return insertPost(db, { subscriptionId: sub.id, kind: 'alert', message: { kind: 'alert', summary, blocks: [] }, nowMs: 0 });
  };
  return { db, adapter, clock, deps, queue };
}

describe('deliverPending', () => {
  it('posts in order, one per channel per second', async () => {
    const { adapter, clock, deps, queue } = setup();
    queue('a', 'a1'); queue('a', 'a2'); queue('b', 'b1');
    const pacer: Pacer = new Map();
    expect(await deliverPending(deps, pacer)).toEqual({ sent: 2, retried: 0, failed: 0, waiting: 1 });
    clock.advance(POST_PACE_MS - 1);
    expect((await deliverPending(deps, pacer)).sent).toBe(0);
    clock.advance(1);
    expect((await deliverPending(deps, pacer)).sent).toBe(1);
    expect(adapter.posts.map((p) => p.message.summary)).toEqual(['a1', 'b1', 'a2']);
    expect(await deliverPending(deps, pacer)).toEqual({ sent: 0, retried: 0, failed: 0, waiting: 0 });
  });

  it('retries a transient failure after the time the platform asked, as a resend with the same key', async () => {
    const { db, adapter, clock, deps, queue } = setup();
    const id = queue('a', 'a1');
    adapter.failNext(new PostError('slack: 429', { permanent: false, retryAfterMs: 30_000 }));
    expect((await deliverPending(deps)).retried).toBe(1);
    clock.advance(29_999);
    expect((await deliverPending(deps)).sent).toBe(0);
    clock.advance(1);
    expect((await deliverPending(deps)).sent).toBe(1);
    expect(adapter.posts).toHaveLength(1);
    expect(adapter.posts[0]!.resend).toBe(true);
    expect(listPosts(db, 1).find((p) => p.id === id)!.status).toBe('sent');
  });

  it('records a permanent failure once and never retries it', async () => {
    const { db, adapter, clock, deps, queue } = setup();
    queue('a', 'a1');
    adapter.failNext(new PostError('slack: channel_not_found', { permanent: true }));
    expect((await deliverPending(deps)).failed).toBe(1);
    clock.advance(3_600_000);
    expect(await deliverPending(deps)).toEqual({ sent: 0, retried: 0, failed: 0, waiting: 0 });
    expect(listPosts(db, 1)[0]).toMatchObject({ status: 'failed', lastError: 'slack: channel_not_found' });
  });

  it('re-sends a post left "sending" by a crash with resend set and the same idempotency key', async () => {
    const { adapter, deps, queue, db } = setup();
    const id = queue('a', 'a1');
    markPostSending(db, id); // the process died after this, before the platform answered
    await deliverPending(deps);
    expect(adapter.posts).toHaveLength(1);
    expect(adapter.posts[0]!.resend).toBe(true);
    const fresh = queue('a', 'a2');
    await deliverPending({ ...deps, now: () => 1e12 });
    expect(adapter.posts[1]!.resend).toBe(false);
    expect(adapter.posts[1]!.idempotencyKey).not.toBe(adapter.posts[0]!.idempotencyKey);
    expect(fresh).toBeGreaterThan(id);
  });

  it('leaves posts for an adapter that is not running in the queue', async () => {
    const { db, deps } = setup();
    const sub = upsertSubscription(db, 'slack', 'C1', {}, 0);
    insertPost(db, { subscriptionId: sub.id, kind: 'alert', message: { kind: 'alert', summary: 's', blocks: [] }, nowMs: 0 });
    await deliverPending(deps);
    expect(listPosts(db, sub.id)[0]!.status).toBe('pending');
  });
});
