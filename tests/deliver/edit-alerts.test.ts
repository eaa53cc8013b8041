import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/chat/message.js';
import { deliverPending } from '../../src/deliver/deliver-pending.js';
import { queueAlertEdits } from '../../src/deliver/edit-alerts.js';
import { silentLogger } from '../../src/log.js';
import { openDatabase } from '../../src/store/db.js';
import { listPosts, listUnreportedFailures, markPostFailed } from '../../src/store/deliveries-store.js';
import { upsertSubscription } from '../../src/store/subscriptions-store.js';
import { routeNewItems } from '../../src/deliver/route-items.js';
import { createRecordingAdapter, seedItem } from './delivery-fixtures.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

function setup(withEdit: boolean) {
  const db = openDatabase(':memory:');
  const sub = upsertSubscription(db, 'test', 'C1', {}, 0);
  const { item, result } = seedItem(db, { title: 'New treaty document', kind: 'document' });
  routeNewItems(db, KNOWLEDGE, [item], new Map([[item.id, result]]), 1_000);
  const adapter = createRecordingAdapter('test');
  const edits: { platformId: string; message: Message; key: string }[] = [];
  if (withEdit) {
    adapter.edit = async (_channel, platformId, message, opts) => {
      edits.push({ platformId, message, key: opts.idempotencyKey });
      return { platformId };
    };
  }
  let nowMs = 10_000;
  const deliver = () => deliverPending({ db, adapters: new Map([['test', adapter]]), log: silentLogger, now: () => (nowMs += 5_000) });
  const retitle = (title: string) => {
    db.prepare('UPDATE items SET title = ? WHERE id = ?').run(title, item.id);
    return queueAlertEdits(db, KNOWLEDGE.concerns, [item.id], nowMs);
  };
  return { db, sub, adapter, edits, deliver, retitle };
}

describe('queueAlertEdits and the delivery of edits', () => {
  it('edits the sent alert once per change, and folds changes made before the edit went out into one', async () => {
    const { db, sub, adapter, edits, deliver, retitle } = setup(true);
    await deliver();
    expect(adapter.posts).toHaveLength(1);
    expect(retitle('Second title')).toBe(1);
    expect(retitle('Third title')).toBe(1);
    await deliver();
    expect(edits).toHaveLength(1);
    expect(edits[0]).toMatchObject({ platformId: '1', message: { summary: expect.stringContaining('Third title') } });
    expect(adapter.posts).toHaveLength(1);
    expect(listPosts(db, sub.id).map((p) => [p.status, p.editOfPostId])).toEqual([['sent', null], ['sent', 1]]);
  });

  it('drops an edit, without telling the channel, when the alert was refused or the adapter cannot edit', async () => {
    const refused = setup(true);
    markPostFailed(refused.db, 1, 'channel_not_found');
    refused.db.prepare('UPDATE posts SET reported = 1 WHERE id = 1').run();
    expect(refused.retitle('Changed')).toBe(0);
    expect(listPosts(refused.db, refused.sub.id)).toHaveLength(1);

    const cannot = setup(false);
    await cannot.deliver();
    cannot.retitle('Changed');
    await cannot.deliver();
    expect(cannot.adapter.posts).toHaveLength(1);
    expect(listPosts(cannot.db, cannot.sub.id).map((p) => [p.status, p.lastError])).toEqual([['sent', null], ['failed', 'the test adapter cannot edit posts']]);
    expect(listUnreportedFailures(cannot.db, cannot.sub.id)).toEqual([]);
  });

  it('sends an edit interrupted by a crash again as an edit, never as a new post', async () => {
    const { db, adapter, edits, deliver, retitle } = setup(true);
    await deliver();
    retitle('Changed');
    db.prepare(`UPDATE posts SET status = 'sending', attempts = 1 WHERE edit_of_post_id IS NOT NULL`).run();
    await deliver();
    expect(edits).toHaveLength(1);
    expect(adapter.posts).toHaveLength(1);
  });
});
