/**
 * The delivery worker: sends queued posts through their adapter, exactly once per channel.
 * A post is marked 'sending' (committed) before the adapter is called and 'sent' only after the
 * platform accepted it. A post found 'sending' (the process died mid-call) or already attempted is
 * re-sent with `resend: true` and the same idempotency key, so a platform that dedupes (Matrix
 * transaction ids, Slack metadata lookups) shows it once. Posts go out in order, at most one per
 * channel per POST_PACE_MS; transient failures back off (or wait as long as the platform asked);
 * permanent ones are recorded, logged once, and noted in the channel's next digest.
 */
import type { ChatAdapter } from '../chat/chat-adapter.js';
import { PostError } from '../chat/chat-adapter.js';
import { describeError, type Logger } from '../log.js';
import type { Db } from '../store/db.js';
import { getPost, listDuePosts, markFailuresReported, markPostFailed, markPostRetry, markPostSending, markPostSent, type Post } from '../store/deliveries-store.js';

/** Slack and Matrix both ask for about one message per second per channel. */
export const POST_PACE_MS = 1_000;
/** First retry delay; doubles per attempt. */
export const RETRY_BASE_MS = 2_000;
/** Longest wait between retries of one post. */
export const RETRY_MAX_MS = 15 * 60_000;

export interface DeliveryDeps {
  db: Db;
  adapters: ReadonlyMap<string, ChatAdapter>;
  log: Logger;
  now: () => number;
}

/** Remembers when each channel was last posted to, across calls. */
export type Pacer = Map<string, number>;

/** What one pass of the worker did. */
export interface DeliveryPass {
  sent: number;
  retried: number;
  failed: number;
  /** Posts left for a later pass because their channel was paced or blocked by an earlier post. */
  waiting: number;
}

/**
 * An edit goes out only once the post it edits was accepted, and only through an adapter that can
 * edit. It waits behind a post still in the outbox; it is dropped (recorded, not reported to the
 * channel) when that post was refused, or when the adapter cannot edit.
 */
function holdEdit(deps: DeliveryDeps, adapter: ChatAdapter, edit: Post, target: Post | undefined): 'retried' | 'failed' {
  if (target && (target.status === 'pending' || target.status === 'sending')) {
    markPostRetry(deps.db, edit.id, 'waiting for the post it edits', Math.max(target.nextAttemptAtMs, deps.now()) + POST_PACE_MS);
    return 'retried';
  }
  const reason = !adapter.edit ? `the ${adapter.name} adapter cannot edit posts` : 'the post it edits was never delivered';
  deps.log.info('post edit dropped', { post_id: edit.id, channel: edit.channel, adapter: edit.adapter, reason });
  markPostFailed(deps.db, edit.id, reason);
  markFailuresReported(deps.db, [edit.id]);
  return 'failed';
}

/** Returns the idempotency key of a post: stable for the outbox row, distinct across databases. */
export function postIdempotencyKey(post: Pick<Post, 'id' | 'createdAtMs'>): string {
  return `tw-${post.id}-${post.createdAtMs.toString(36)}`;
}

/** Sends what is due now, at most one post per channel, and returns the counts. Never throws for a post's failure. */
export async function deliverPending(deps: DeliveryDeps, pacer: Pacer = new Map()): Promise<DeliveryPass> {
  const pass: DeliveryPass = { sent: 0, retried: 0, failed: 0, waiting: 0 };
  const blocked = new Set<string>();
  for (const post of listDuePosts(deps.db, deps.now())) {
    const adapter = deps.adapters.get(post.adapter);
    const key = `${post.adapter}\u0000${post.channel}`;
    if (!adapter) continue;
    const last = pacer.get(key);
    // Keep each channel's order: once one post waits, the later ones wait behind it.
    if (blocked.has(key) || (last !== undefined && deps.now() - last < POST_PACE_MS)) {
      blocked.add(key);
      pass.waiting++;
      continue;
    }
    blocked.add(key);
    const outcome = await sendPost(deps, adapter, post);
    pacer.set(key, deps.now());
    pass[outcome]++;
  }
  return pass;
}

async function sendPost(deps: DeliveryDeps, adapter: ChatAdapter, post: Post): Promise<'sent' | 'retried' | 'failed'> {
  const resend = post.status === 'sending' || post.attempts > 0;
  const target = post.editOfPostId === null ? null : getPost(deps.db, post.editOfPostId);
  if (target !== null && (target?.status !== 'sent' || !target.platformId || !adapter.edit)) return holdEdit(deps, adapter, post, target);
  const message = markPostSending(deps.db, post.id) ?? post.message;
  const fields = { post_id: post.id, channel: post.channel, adapter: post.adapter, kind: post.kind, edit_of: post.editOfPostId };
  try {
    const idempotencyKey = postIdempotencyKey(post);
    const receipt = target
      ? await adapter.edit!(post.channel, target.platformId!, message, { idempotencyKey })
      : await adapter.post(post.channel, message, { idempotencyKey, resend });
    markPostSent(deps.db, post.id, receipt.platformId, deps.now());
    deps.log.info(target ? 'post edited' : 'post delivered', { ...fields, resend });
    return 'sent';
  } catch (err) {
    const error = describeError(err);
    if (err instanceof PostError && err.permanent) {
      markPostFailed(deps.db, post.id, error);
      deps.log.error('post refused', { ...fields, error });
      return 'failed';
    }
    const backoffMs = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(post.attempts, 20));
    const waitMs = err instanceof PostError && err.retryAfterMs !== null ? Math.max(err.retryAfterMs, POST_PACE_MS) : backoffMs;
    markPostRetry(deps.db, post.id, error, deps.now() + waitMs);
    deps.log.warn('post will be retried', { ...fields, error, retry_in_ms: waitMs });
    return 'retried';
  }
}
