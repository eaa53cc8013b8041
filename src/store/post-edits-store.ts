/** Reads and writes what editing a posted alert needs: the alerts of an item, and edit posts. */
import type { Message } from '../chat/message.js';
import { statement, type Db } from './db.js';
import type { PostStatus } from './deliveries-store.js';

/** An alert post that carries an item, with the channel's time zone (to build the new text). */
export interface ItemAlertPost {
  postId: number;
  subscriptionId: number;
  status: PostStatus;
  timeZone: string;
}

/** Returns the alert posts that carry an item, one per subscription, oldest first. */
export function listAlertPostsOfItem(db: Db, itemId: number): ItemAlertPost[] {
  return statement(db, `SELECT p.id AS postId, p.subscription_id AS subscriptionId, p.status, s.digest_time_zone AS timeZone
                        FROM deliveries d JOIN posts p ON p.id = d.post_id JOIN subscriptions s ON s.id = d.subscription_id
                        WHERE d.item_id = ? AND d.kind = 'alert' AND p.edit_of_post_id IS NULL ORDER BY p.id`).all(itemId) as ItemAlertPost[];
}

/** Rewrites a post not yet handed to the platform; returns false when it already was. */
export function rewritePendingPost(db: Db, postId: number, message: Message): boolean {
  return statement(db, `UPDATE posts SET message_json = ? WHERE id = ? AND status = 'pending'`).run(JSON.stringify(message), postId).changes > 0;
}

/** Returns the edit of a post still waiting to be sent, or undefined. */
export function findPendingEdit(db: Db, postId: number): number | undefined {
  const row = statement(db, `SELECT id FROM posts WHERE edit_of_post_id = ? AND status = 'pending' ORDER BY id DESC LIMIT 1`).get(postId) as { id: number } | undefined;
  return row?.id;
}

/** Returns how many edits a post has had queued. */
export function countEdits(db: Db, postId: number): number {
  return (statement(db, 'SELECT COUNT(*) AS n FROM posts WHERE edit_of_post_id = ?').get(postId) as { n: number }).n;
}

/** Queues an edit of a post (same subscription and kind) and returns its post id. */
export function insertEditPost(db: Db, e: { editOfPostId: number; message: Message; nowMs: number }): number {
  const info = statement(db, `INSERT INTO posts (subscription_id, kind, message_json, created_at_ms, next_attempt_at_ms, edit_of_post_id)
                              SELECT subscription_id, kind, ?, ?, ?, id FROM posts WHERE id = ?`)
    .run(JSON.stringify(e.message), e.nowMs, e.nowMs, e.editOfPostId);
  return Number(info.lastInsertRowid);
}
