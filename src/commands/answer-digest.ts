import { buildDigest, formatDate } from '../deliver/build-digest.js';
import { errorMessage, type Message } from '../chat/message.js';
import { matchesFilters } from '../deliver/route-items.js';
import type { ConcernRules } from '../knowledge/concern-rules.js';
import type { Db } from '../store/db.js';
import { listRelevantItemIdsSince, loadItemDigestFacts, type ItemDigestFacts } from '../store/deliveries-store.js';
import type { Subscription } from '../store/subscriptions-store.js';
import { treatyTotalsFor } from '../store/treaty-status-store.js';
import { usageOf } from './command-usage.js';
import { parseDigestPeriod } from './parse-digest-period.js';

/** Returns the facts of relevant items dated since `sinceMs` that pass a subscription's filters. */
export function selectDigestItems(db: Db, sinceMs: number, sub?: Pick<Subscription, 'filterArticles' | 'filterConcerns' | 'filterSources'>): ItemDigestFacts[] {
  const facts = loadItemDigestFacts(db, listRelevantItemIdsSince(db, sinceMs));
  return sub ? facts.filter((f) => matchesFilters(f, sub)) : facts;
}

/** Returns the reply to `digest [today|week|all|since 3d|since 2024-08-08]`: the channel's digest for that period, "nothing new" when empty. */
export function answerDigest(db: Db, concerns: ConcernRules, args: string, nowMs: number, sub?: Subscription): Message {
  const timeZone = sub?.digestTimeZone ?? 'UTC';
  const period = parseDigestPeriod(args, nowMs, timeZone);
  if (!period.ok) return errorMessage(period.error, usageOf('digest'));
  const facts = selectDigestItems(db, period.sinceMs, sub);
  return buildDigest(facts, {
    title: `Digest ${period.label}`,
    concerns,
    groupBy: sub?.groupBy ?? 'concern',
    timeZone,
    kind: 'reply',
    nothingNewText: `Nothing new since ${formatDate(period.sinceMs, timeZone)}.`,
    treatyTotals: treatyTotalsFor(db, facts),
  })!;
}
