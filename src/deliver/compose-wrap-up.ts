/**
 * Session wrap-ups: at 20:00 in the subscription's time zone on a session day, one post listing
 * what was alerted to it since the last wrap-up. Like the scheduled digest, a wrap-up is read in a
 * short read transaction, built outside any transaction, and written in a short write transaction
 * that first checks it is still due: a wrap-up composed meanwhile by another bot on the same
 * database, or by this one before a restart, is not posted twice. If what it would list changed
 * while it was built (new alerts, an item revised or re-tagged, other settings), it is built again
 * inside the write from what is there now.
 */
import type { Db } from '../store/db.js';
import { insertPost, listAlertedItemIdsSince, loadItemDigestFacts, type ItemDigestFacts } from '../store/deliveries-store.js';
import { getSubscription, markWrapUpComposed, type Subscription } from '../store/subscriptions-store.js';
import type { CalendarEvent } from '../knowledge/calendar.js';
import type { Knowledge } from '../knowledge/load-knowledge.js';
import type { Message } from '../chat/message.js';
import { buildDigest } from './build-digest.js';
import { nextCronTime } from './next-cron-time.js';
import { currentSession } from './session-calendar.js';

/** When, in the subscription's own time zone, a session day's wrap-up goes out. */
export const WRAP_UP_CRON = '0 20 * * *';

type WrapUpKnowledge = Pick<Knowledge, 'calendar' | 'concerns'>;

// What a due wrap-up says: the subscription's settings, the session, and the items alerted since the last one.
interface WrapUpInputs {
  sub: Subscription;
  session: CalendarEvent | undefined;
  itemIds: number[];
}

/**
 * Composes the subscription's session wrap-up if one is due at `nowMs`; returns 1 when a post was
 * queued, else 0. A due day with no session, or a session day with nothing alerted, moves the
 * schedule on without a post.
 */
export function composeWrapUpIfDue(db: Db, knowledge: WrapUpKnowledge, subscriptionId: number, nowMs: number): number {
  // A deferred transaction that only reads: one consistent snapshot, no write lock.
  const draft = db.transaction(() => {
    const inputs = readDueWrapUp(db, knowledge, subscriptionId, nowMs);
    return inputs && { inputs, facts: loadItemDigestFacts(db, inputs.itemIds) };
  })();
  if (!draft) return 0;
  const message = buildWrapUp(draft.inputs, draft.facts, knowledge);
  return db.transaction(() => {
    const current = readDueWrapUp(db, knowledge, subscriptionId, nowMs);
    // Composed elsewhere meanwhile, unsubscribed, or session mode turned off: nothing is due now.
    if (!current) return 0;
    const facts = loadItemDigestFacts(db, current.itemIds);
    if (wrapUpKey(current) === wrapUpKey(draft.inputs) && JSON.stringify(facts) === JSON.stringify(draft.facts)) {
      return writeWrapUp(db, current.sub, message, nowMs);
    }
    // New alerts, an item revised or re-tagged, or changed settings while it was built: build it
    // again from what is there now.
    return writeWrapUp(db, current.sub, buildWrapUp(current, facts, knowledge), nowMs);
  }).immediate();
}

function readDueWrapUp(db: Db, knowledge: WrapUpKnowledge, subscriptionId: number, nowMs: number): WrapUpInputs | null {
  const sub = getSubscription(db, subscriptionId);
  if (!sub || !sub.sessionMode) return null;
  const sinceMs = sub.lastWrapUpAtMs ?? sub.createdAtMs;
  const dueAtMs = nextCronTime(WRAP_UP_CRON, sub.digestTimeZone, sinceMs);
  if (dueAtMs > nowMs) return null;
  const session = currentSession(dueAtMs, knowledge.calendar) ?? currentSession(nowMs, knowledge.calendar);
  return { sub, session, itemIds: session ? listAlertedItemIdsSince(db, sub.id, sinceMs) : [] };
}

// Two reads with the same key give the same wrap-up.
function wrapUpKey(w: WrapUpInputs): string {
  const { lastWrapUpAtMs, createdAtMs, digestTimeZone, groupBy } = w.sub;
  return JSON.stringify([lastWrapUpAtMs, createdAtMs, digestTimeZone, groupBy, w.session?.event ?? null, w.itemIds]);
}

function buildWrapUp(inputs: WrapUpInputs, facts: ItemDigestFacts[], knowledge: WrapUpKnowledge): Message | null {
  if (!inputs.session) return null;
  return buildDigest(facts, {
    title: `Session wrap-up: ${inputs.session.event}`,
    concerns: knowledge.concerns,
    groupBy: inputs.sub.groupBy,
    timeZone: inputs.sub.digestTimeZone,
    kind: 'wrap-up',
  });
}

function writeWrapUp(db: Db, sub: Subscription, message: Message | null, nowMs: number): number {
  if (message) insertPost(db, { subscriptionId: sub.id, kind: 'wrap-up', message, nowMs });
  markWrapUpComposed(db, sub.id, nowMs);
  return message ? 1 : 0;
}
