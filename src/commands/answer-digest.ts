import { buildDigest, formatDate } from '../deliver/build-digest.js';
import { errorMessage, type Message } from '../chat/message.js';
import { wallClock, wallTimeToInstant } from '../deliver/next-cron-time.js';
import { matchesFilters } from '../deliver/route-items.js';
import type { Db } from '../store/db.js';
import { listRelevantItemIdsSince, loadItemDigestFacts, type ItemDigestFacts } from '../store/deliveries-store.js';
import type { Subscription } from '../store/subscriptions-store.js';
import { treatyTotalsFor } from '../store/treaty-status-store.js';
import { usageOf } from './command-usage.js';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };
/** The longest period a digest may cover. */
export const MAX_DIGEST_PERIOD_MS = 366 * 86_400_000;

/** Returns the milliseconds of a duration such as "3d", "12h", "2w", "90m", or null when unreadable. */
export function parseDuration(text: string): number | null {
  const m = /^(\d{1,4})\s*([mhdw])$/i.exec(text.trim());
  if (!m) return null;
  const ms = Number(m[1]) * UNIT_MS[m[2]!.toLowerCase()]!;
  return ms > 0 && ms <= MAX_DIGEST_PERIOD_MS ? ms : null;
}

/** Returns the start of the period `digest` arguments name ("", "today", "week", "since 3d"), or null. */
export function parseDigestPeriod(args: string, nowMs: number, timeZone: string): { sinceMs: number; label: string } | null {
  const a = args.trim().toLowerCase().replace(/\s+/g, ' ');
  if (a === '' || a === 'today') {
    const w = wallClock(nowMs, timeZone);
    return { sinceMs: wallTimeToInstant(Date.UTC(w.year, w.month - 1, w.day), timeZone), label: 'today' };
  }
  if (a === 'week') return { sinceMs: nowMs - UNIT_MS['w']!, label: 'the last 7 days' };
  const since = /^(?:since )?(\S+)$/.exec(a);
  const ms = since ? parseDuration(since[1]!) : null;
  return ms === null ? null : { sinceMs: nowMs - ms, label: `the last ${since![1]}` };
}

/** Returns the facts of relevant items dated since `sinceMs` that pass a subscription's filters. */
export function selectDigestItems(db: Db, sinceMs: number, sub?: Pick<Subscription, 'filterArticles' | 'filterConcerns' | 'filterSources'>): ItemDigestFacts[] {
  const facts = loadItemDigestFacts(db, listRelevantItemIdsSince(db, sinceMs));
  return sub ? facts.filter((f) => matchesFilters(f, sub)) : facts;
}

/** Returns the reply to `digest [today|week|since 3d]`: the channel's digest for that period, "nothing new" when empty. */
export function answerDigest(db: Db, args: string, nowMs: number, sub?: Subscription): Message {
  const timeZone = sub?.digestTimeZone ?? 'UTC';
  const period = parseDigestPeriod(args, nowMs, timeZone);
  if (!period) return errorMessage(`"${args.trim()}" is not a period I know.`, usageOf('digest'));
  const facts = selectDigestItems(db, period.sinceMs, sub);
  return buildDigest(facts, {
    title: `Digest for ${period.label}`,
    groupBy: sub?.groupBy ?? 'concern',
    timeZone,
    kind: 'reply',
    nothingNewText: `Nothing new since ${formatDate(period.sinceMs, timeZone)}.`,
    treatyTotals: treatyTotalsFor(db, facts),
  })!;
}
