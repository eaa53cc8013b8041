/**
 * The schedule tick: turns owed digest deliveries into digest posts when a subscription's digest is
 * due, and writes session wrap-ups. A digest is read from one snapshot and built outside any write
 * transaction, so a long digest never holds the database's write lock; it is then written in one
 * transaction (post, deliveries attached, schedule moved on), so a crash leaves either the old state
 * or the whole post. If the subscription or what it is owed changed while the digest was built,
 * it is built again inside that transaction from what is there now. Session wrap-ups are composed
 * the same way (`compose-wrap-up.ts`).
 */
import type { Db } from '../store/db.js';
import {
  attachDeliveries, insertPost, listUnpostedItemIds, listUnreportedFailures, loadItemDigestFacts, markFailuresReported,
} from '../store/deliveries-store.js';
import { treatyTotalsFor } from '../store/treaty-status-store.js';
import {
  getSubscription, listSubscriptions, markDigestComposed, upsertSubscription, type Subscription,
} from '../store/subscriptions-store.js';
import { buildDigest } from './build-digest.js';
import { nextCronTime } from './next-cron-time.js';
import type { Message, MessageImage } from '../chat/message.js';
import { composeWrapUpIfDue } from './compose-wrap-up.js';
import type { Knowledge } from '../knowledge/load-knowledge.js';
import { withTrackerLink } from './tracker-links.js';

/** What digests carry besides their items: a link to the tracker, and the weekly picture for weekly digests. */
export interface ComposeOptions {
  /** The tracker's public address; digests end with a link to it. */
  publicUrl?: string | null;
  /** Makes the weekly chart; returns null when it could not (the digest goes out without it). */
  weeklyPicture?: (nowMs: number) => MessageImage | null;
}

/** Composes every due digest and wrap-up; returns how many posts were queued. */
export function composeDuePosts(db: Db, knowledge: Pick<Knowledge, 'calendar' | 'concerns'>, nowMs: number, opts: ComposeOptions = {}): number {
  let queued = 0;
  for (const sub of listSubscriptions(db)) {
    queued += composeDigestIfDue(db, knowledge, sub, nowMs, opts);
    if (sub.sessionMode) queued += composeWrapUpIfDue(db, knowledge, sub.id, nowMs);
  }
  return queued;
}

/** Returns true for a schedule that fires on one weekday and any day of the month (a weekly digest). */
export function isWeeklySchedule(cron: string): boolean {
  const fields = cron.trim().split(/\s+/);
  const [dayOfMonth, weekday] = fields.length === 6 ? [fields[3], fields[5]] : [fields[2], fields[4]];
  return dayOfMonth === '*' && weekday !== undefined && /^[0-7]$|^[a-z]{3}$/i.test(weekday);
}

function composeDigestIfDue(db: Db, knowledge: Pick<Knowledge, 'concerns'>, sub: Subscription, nowMs: number, opts: ComposeOptions): number {
  if (sub.digestCron === null) return 0;
  if (sub.nextDigestAtMs === null) {
    // A new or rescheduled subscription: its first digest is at the next scheduled time, not now.
    upsertSubscription(db, sub.adapter, sub.channel, { nextDigestAtMs: nextCronTime(sub.digestCron, sub.digestTimeZone, nowMs) }, nowMs);
    return 0;
  }
  if (sub.nextDigestAtMs > nowMs) return 0;
  // A deferred transaction that only reads: one consistent snapshot, no write lock.
  const draft = db.transaction(() => readDigest(db, sub))();
  const message = buildDigestMessage(draft, knowledge, sub, nowMs, opts);
  return db.transaction(() => {
    const current = getSubscription(db, sub.id);
    // Composed (or unsubscribed, or rescheduled) by someone else meanwhile: nothing to do.
    if (!current || JSON.stringify(current) !== JSON.stringify(sub) && current.nextDigestAtMs !== sub.nextDigestAtMs) return 0;
    const owed = { itemIds: listUnpostedItemIds(db, sub.id, 'digest'), failures: listUnreportedFailures(db, sub.id) };
    if (JSON.stringify(current) === JSON.stringify(sub) && sameDigestInputs(owed, draft)) return writeDigest(db, sub, draft, message, nowMs);
    // Settings or what is owed changed while the digest was built: build it again from what is there now.
    if (current.digestCron === null || current.nextDigestAtMs === null || current.nextDigestAtMs > nowMs) return 0;
    const now = readDigest(db, current);
    return writeDigest(db, current, now, buildDigestMessage(now, knowledge, current, nowMs, opts), nowMs);
  }).immediate();
}

interface DigestInputs {
  itemIds: number[];
  failures: ReturnType<typeof listUnreportedFailures>;
  facts: ReturnType<typeof loadItemDigestFacts>;
  treatyTotals: ReturnType<typeof treatyTotalsFor>;
}

function readDigest(db: Db, sub: Subscription): DigestInputs {
  const itemIds = listUnpostedItemIds(db, sub.id, 'digest');
  const facts = loadItemDigestFacts(db, itemIds);
  return { itemIds, failures: listUnreportedFailures(db, sub.id), facts, treatyTotals: treatyTotalsFor(db, facts) };
}

// The items owed and the failures to report are what a digest says; the same ids and failures
// read twice give the same digest.
function sameDigestInputs(a: Pick<DigestInputs, 'itemIds' | 'failures'>, b: Pick<DigestInputs, 'itemIds' | 'failures'>): boolean {
  return JSON.stringify([a.itemIds, a.failures.map((f) => f.id)]) === JSON.stringify([b.itemIds, b.failures.map((f) => f.id)]);
}

function buildDigestMessage(inputs: DigestInputs, knowledge: Pick<Knowledge, 'concerns'>, sub: Subscription, nowMs: number, opts: ComposeOptions): Message | null {
  const { failures } = inputs;
  const notes = failures.length === 0 ? [] : [
    `${failures.length === 1 ? '1 earlier message' : `${failures.length} earlier messages`} could not be delivered here (${failures[0]!.lastError ?? 'refused'}).`,
  ];
  const weekly = isWeeklySchedule(sub.digestCron!);
  const built = buildDigest(inputs.facts, {
    title: `${weekly ? 'Weekly' : 'Daily'} digest: UN Cybercrime Convention`,
    concerns: knowledge.concerns,
    groupBy: sub.groupBy,
    timeZone: sub.digestTimeZone,
    notes,
    treatyTotals: inputs.treatyTotals,
  });
  if (!built) return null;
  const message = withTrackerLink(built, opts.publicUrl ?? null, '');
  const picture = weekly ? opts.weeklyPicture?.(nowMs) : null;
  return picture ? { ...message, image: picture } : message;
}

function writeDigest(db: Db, sub: Subscription, inputs: DigestInputs, message: Message | null, nowMs: number): number {
  let queued = 0;
  if (message) {
    const postId = insertPost(db, { subscriptionId: sub.id, kind: 'digest', message, nowMs });
    attachDeliveries(db, sub.id, 'digest', inputs.itemIds, postId);
    markFailuresReported(db, inputs.failures.map((f) => f.id));
    queued = 1;
  }
  markDigestComposed(db, sub.id, nowMs, nextCronTime(sub.digestCron!, sub.digestTimeZone, nowMs));
  return queued;
}
