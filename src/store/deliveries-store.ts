import { statement, type Db } from './db.js';
import type { Message } from '../chat/message.js';

export type DeliveryKind = 'alert' | 'digest';
export type PostKind = 'alert' | 'digest' | 'wrap-up' | 'note';
export type PostStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** A composed chat message waiting in (or done with) the outbox, with where it goes. */
export interface Post {
  id: number;
  subscriptionId: number;
  adapter: string;
  channel: string;
  kind: PostKind;
  message: Message;
  status: PostStatus;
  attempts: number;
  nextAttemptAtMs: number;
  platformId: string | null;
  lastError: string | null;
  createdAtMs: number;
  /** Set on an edit: the post whose platform message this one replaces in place. */
  editOfPostId: number | null;
}

/** What a digest or alert shows of one item, read from the item, its source and its tags. */
export interface ItemDigestFacts {
  itemId: number;
  kind: string;
  title: string;
  url: string | null;
  canonicalUrl: string | null;
  sourceId: string;
  sourceName: string;
  /** Publication time, else the time we first saw it. */
  dateMs: number;
  articles: string[];
  concerns: string[];
  /** Set for a signature or consent to be bound read from the treaty record: who, what, when (YYYY-MM-DD). */
  treatyAction?: { participant: string; action: string; date: string } | null;
}

/** Records that an item is owed to a subscription; returns false when that delivery already existed. */
export function insertDelivery(
  db: Db,
  d: { subscriptionId: number; itemId: number; kind: DeliveryKind; postId?: number | null; nowMs: number },
): boolean {
  return (
    statement(db, `INSERT INTO deliveries (subscription_id, item_id, kind, post_id, created_at_ms)
              VALUES (@subscriptionId, @itemId, @kind, @postId, @nowMs) ON CONFLICT DO NOTHING`).run({
      ...d,
      postId: d.postId ?? null,
    }).changes > 0
  );
}

/** Stores a composed message in the outbox and returns its post id. */
export function insertPost(db: Db, p: { subscriptionId: number; kind: PostKind; message: Message; nowMs: number }): number {
  const info = statement(db, `INSERT INTO posts (subscription_id, kind, message_json, created_at_ms, next_attempt_at_ms)
                         VALUES (?, ?, ?, ?, ?)`).run(p.subscriptionId, p.kind, JSON.stringify(p.message), p.nowMs, p.nowMs);
  return Number(info.lastInsertRowid);
}

/** Returns the ids of items owed to a subscription as `kind` that no post covers yet, oldest first. */
export function listUnpostedItemIds(db: Db, subscriptionId: number, kind: DeliveryKind): number[] {
  return (statement(db, `SELECT item_id FROM deliveries WHERE subscription_id = ? AND kind = ? AND post_id IS NULL ORDER BY id`)
    .all(subscriptionId, kind) as { item_id: number }[]).map((r) => r.item_id);
}

/** Returns the ids of items alerted to a subscription since `sinceMs`. */
export function listAlertedItemIdsSince(db: Db, subscriptionId: number, sinceMs: number): number[] {
  return (statement(db, `SELECT item_id FROM deliveries WHERE subscription_id = ? AND kind = 'alert' AND created_at_ms > ? ORDER BY id`)
    .all(subscriptionId, sinceMs) as { item_id: number }[]).map((r) => r.item_id);
}

/** Points a subscription's unposted deliveries of these items at a post. */
export function attachDeliveries(db: Db, subscriptionId: number, kind: DeliveryKind, itemIds: readonly number[], postId: number): void {
  const s = statement(db, 'UPDATE deliveries SET post_id = ? WHERE subscription_id = ? AND kind = ? AND item_id = ? AND post_id IS NULL');
  for (const itemId of itemIds) s.run(postId, subscriptionId, kind, itemId);
}

interface PostRow {
  id: number;
  subscription_id: number;
  adapter: string;
  channel: string;
  kind: PostKind;
  message_json: string;
  status: PostStatus;
  attempts: number;
  next_attempt_at_ms: number;
  platform_id: string | null;
  last_error: string | null;
  created_at_ms: number;
  edit_of_post_id: number | null;
}

function rowToPost(r: PostRow): Post {
  return {
    id: r.id,
    subscriptionId: r.subscription_id,
    adapter: r.adapter,
    channel: r.channel,
    kind: r.kind,
    message: JSON.parse(r.message_json) as Message,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAtMs: r.next_attempt_at_ms,
    platformId: r.platform_id,
    lastError: r.last_error,
    createdAtMs: r.created_at_ms,
    editOfPostId: r.edit_of_post_id,
  };
}

const POST_COLUMNS = `p.id, p.subscription_id, s.adapter, s.channel, p.kind, p.message_json, p.status, p.attempts,
  p.next_attempt_at_ms, p.platform_id, p.last_error, p.created_at_ms, p.edit_of_post_id`;

/** Returns the posts still to send whose next attempt is due, in the order they were composed. */
export function listDuePosts(db: Db, nowMs: number): Post[] {
  return (statement(db, `SELECT ${POST_COLUMNS} FROM posts p JOIN subscriptions s ON s.id = p.subscription_id
                    WHERE p.status IN ('pending', 'sending') AND p.next_attempt_at_ms <= ? ORDER BY p.id`)
    .all(nowMs) as PostRow[]).map(rowToPost);
}

/** Returns every post of a subscription (tests and `status`). */
export function listPosts(db: Db, subscriptionId: number): Post[] {
  return (statement(db, `SELECT ${POST_COLUMNS} FROM posts p JOIN subscriptions s ON s.id = p.subscription_id
                    WHERE p.subscription_id = ? ORDER BY p.id`).all(subscriptionId) as PostRow[]).map(rowToPost);
}

/**
 * Marks a post as handed to the platform; written (and committed) before the adapter is called.
 * Returns the message as stored at that moment: a changed item may have rewritten it since the
 * post was listed, and from now on a change edits the sent message instead.
 */
export function markPostSending(db: Db, id: number): Message | null {
  const row = statement(db, `UPDATE posts SET status = 'sending', attempts = attempts + 1 WHERE id = ? RETURNING message_json`).get(id) as { message_json: string } | undefined;
  return row ? (JSON.parse(row.message_json) as Message) : null;
}

/** Returns one post, or undefined. */
export function getPost(db: Db, id: number): Post | undefined {
  const row = statement(db, `SELECT ${POST_COLUMNS} FROM posts p JOIN subscriptions s ON s.id = p.subscription_id WHERE p.id = ?`).get(id) as PostRow | undefined;
  return row ? rowToPost(row) : undefined;
}

/** Marks a post accepted by the platform. */
export function markPostSent(db: Db, id: number, platformId: string, nowMs: number): void {
  statement(db, `UPDATE posts SET status = 'sent', platform_id = ?, sent_at_ms = ?, last_error = NULL WHERE id = ?`).run(platformId, nowMs, id);
}

/** Puts a post back in the queue after a transient failure. */
export function markPostRetry(db: Db, id: number, error: string, nextAttemptAtMs: number): void {
  statement(db, `UPDATE posts SET status = 'pending', last_error = ?, next_attempt_at_ms = ? WHERE id = ?`).run(error, nextAttemptAtMs, id);
}

/** Records a post the platform refused for good. */
export function markPostFailed(db: Db, id: number, error: string): void {
  statement(db, `UPDATE posts SET status = 'failed', last_error = ? WHERE id = ?`).run(error, id);
}

/** Returns the failed posts of a subscription not yet reported to the channel. */
export function listUnreportedFailures(db: Db, subscriptionId: number): Post[] {
  return (statement(db, `SELECT ${POST_COLUMNS} FROM posts p JOIN subscriptions s ON s.id = p.subscription_id
                    WHERE p.subscription_id = ? AND p.status = 'failed' AND p.reported = 0 ORDER BY p.id`)
    .all(subscriptionId) as PostRow[]).map(rowToPost);
}

/** Marks failed posts as reported, so each failure is told once. */
export function markFailuresReported(db: Db, ids: readonly number[]): void {
  const s = statement(db, 'UPDATE posts SET reported = 1 WHERE id = ?');
  for (const id of ids) s.run(id);
}

/** Returns what a digest shows of these items, in the given order (unknown ids are skipped). */
export function loadItemDigestFacts(db: Db, itemIds: readonly number[]): ItemDigestFacts[] {
  const item = statement(db, `SELECT i.id, i.kind, i.title, i.url, i.canonical_url, i.source_id, s.name AS source_name,
                           COALESCE(i.published_at_ms, i.fetched_at_ms) AS date_ms, i.extra_json
                         FROM items i JOIN sources s ON s.id = i.source_id WHERE i.id = ?`);
  const articles = statement(db, 'SELECT ref FROM item_articles WHERE item_id = ? ORDER BY article, ref');
  const concerns = statement(db, 'SELECT concern FROM item_concerns WHERE item_id = ? ORDER BY concern');
  const out: ItemDigestFacts[] = [];
  for (const id of itemIds) {
    const r = item.get(id) as
      | { id: number; kind: string; title: string; url: string | null; canonical_url: string | null; source_id: string; source_name: string; date_ms: number; extra_json: string | null }
      | undefined;
    if (!r) continue;
    out.push({
      itemId: r.id,
      kind: r.kind,
      title: r.title,
      url: r.url,
      canonicalUrl: r.canonical_url,
      sourceId: r.source_id,
      sourceName: r.source_name,
      dateMs: r.date_ms,
      articles: (articles.all(id) as { ref: string }[]).map((a) => a.ref),
      concerns: (concerns.all(id) as { concern: string }[]).map((c) => c.concern),
      treatyAction: readTreatyAction(r.kind, r.extra_json),
    });
  }
  return out;
}

function readTreatyAction(kind: string, extraJson: string | null): ItemDigestFacts['treatyAction'] {
  if ((kind !== 'signature' && kind !== 'ratification') || extraJson === null) return null;
  const extra = JSON.parse(extraJson) as Record<string, unknown>;
  if (typeof extra['participant'] !== 'string') return null;
  return { participant: extra['participant'], action: String(extra['action'] ?? kind), date: String(extra['date'] ?? '') };
}

/** Returns the ids of relevant items dated (published, else first seen) at or after `sinceMs`, oldest first. */
export function listRelevantItemIdsSince(db: Db, sinceMs: number): number[] {
  return (statement(db, `SELECT id FROM items WHERE relevant = 1 AND COALESCE(published_at_ms, fetched_at_ms) >= ?
                         ORDER BY COALESCE(published_at_ms, fetched_at_ms), id`).all(sinceMs) as { id: number }[]).map((r) => r.id);
}

/** Returns the outbox backlog: deliveries not yet in a post, and posts by status. */
export function countDeliveryBacklog(db: Db): { unposted: number } & Record<PostStatus, number> {
  const posts = statement(db, 'SELECT status, count(*) AS n FROM posts GROUP BY status').all() as { status: PostStatus; n: number }[];
  const unposted = (statement(db, 'SELECT count(*) AS n FROM deliveries WHERE post_id IS NULL').get() as { n: number }).n;
  const count = (status: PostStatus) => posts.find((p) => p.status === status)?.n ?? 0;
  return { unposted, pending: count('pending'), sending: count('sending'), sent: count('sent'), failed: count('failed') };
}
