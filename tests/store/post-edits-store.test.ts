import { describe, expect, it } from 'vitest';
import { textMessage } from '../../src/chat/message.js';
import { attachDeliveries, getPost, insertDelivery, insertPost, markPostSent } from '../../src/store/deliveries-store.js';
import { countEdits, findPendingEdit, insertEditPost, listAlertPostsOfItem, rewritePendingPost } from '../../src/store/post-edits-store.js';
import { upsertSubscription } from '../../src/store/subscriptions-store.js';
import { addItem, seedStore } from '../helpers/store-seed.js';

describe('post-edits store', () => {
  it('finds the alert posts of an item per subscription, and queues, finds and rewrites edits', () => {
    const db = seedStore();
    const item = addItem(db, 'eff', 'a');
    const subs = [upsertSubscription(db, 'slack', 'C1', { digestTimeZone: 'Europe/Vienna' }, 1), upsertSubscription(db, 'matrix', 'R1', {}, 1)];
    const posts = subs.map((sub) => {
      insertDelivery(db, { subscriptionId: sub.id, itemId: item, kind: 'alert', nowMs: 1 });
      const postId = insertPost(db, { subscriptionId: sub.id, kind: 'alert', message: textMessage('alert', 'first'), nowMs: 1 });
      attachDeliveries(db, sub.id, 'alert', [item], postId);
      return postId;
    });
    markPostSent(db, posts[0]!, 'ts-1', 2);
    expect(listAlertPostsOfItem(db, item)).toEqual([
      { postId: posts[0], subscriptionId: subs[0]!.id, status: 'sent', timeZone: 'Europe/Vienna' },
      { postId: posts[1], subscriptionId: subs[1]!.id, status: 'pending', timeZone: 'UTC' },
    ]);
    expect(listAlertPostsOfItem(db, 9_999)).toEqual([]);

    expect(rewritePendingPost(db, posts[1]!, textMessage('alert', 'second'))).toBe(true);
    expect(getPost(db, posts[1]!)!.message.summary).toBe('second');
    expect(rewritePendingPost(db, posts[0]!, textMessage('alert', 'second'))).toBe(false);

    expect([findPendingEdit(db, posts[0]!), countEdits(db, posts[0]!)]).toEqual([undefined, 0]);
    const edit = insertEditPost(db, { editOfPostId: posts[0]!, message: textMessage('alert', 'edited'), nowMs: 3 });
    expect(getPost(db, edit)).toMatchObject({ subscriptionId: subs[0]!.id, kind: 'alert', status: 'pending' });
    expect([findPendingEdit(db, posts[0]!), countEdits(db, posts[0]!)]).toEqual([edit, 1]);
    // An edit post is not one of the item's alerts.
    expect(listAlertPostsOfItem(db, item)).toHaveLength(2);
  });
});
