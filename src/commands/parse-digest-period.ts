/**
 * The periods `digest` reads, pure: "today" (since local midnight), "week" (the last 7 days),
 * "all", "since <n><unit>" (also without "since", and "--since" on the command line) and
 * "since <YYYY-MM-DD>" (from local midnight that day). Months and years are calendar ones.
 */
import { wallClock, wallTimeToInstant } from '../deliver/next-cron-time.js';

/** A digest period: where it starts and how a digest title names it ("for today", "since 2024-08-08"), or why it could not be read. */
export type DigestPeriod = { ok: true; sinceMs: number; label: string } | { ok: false; error: string };

/** The largest count a duration may have, whatever its unit. */
export const MAX_DURATION_COUNT = 9_999;

const MINUTE_MS = 60_000;
const UNITS: readonly { names: readonly string[]; label: string; ms?: number; months?: number }[] = [
  { names: ['m', 'min', 'mins', 'minute', 'minutes'], label: 'minute', ms: MINUTE_MS },
  { names: ['h', 'hr', 'hrs', 'hour', 'hours'], label: 'hour', ms: 60 * MINUTE_MS },
  { names: ['d', 'day', 'days'], label: 'day', ms: 24 * 60 * MINUTE_MS },
  { names: ['w', 'wk', 'week', 'weeks'], label: 'week', ms: 7 * 24 * 60 * MINUTE_MS },
  { names: ['mo', 'month', 'months'], label: 'month', months: 1 },
  { names: ['y', 'yr', 'year', 'years'], label: 'year', months: 12 },
];

/** How the units and limits are explained in every period error. */
export const PERIOD_HELP = 'Say today, week, all, since <number><unit> (m minutes, h hours, d days, w weeks, mo months, y years; '
  + `1 to ${MAX_DURATION_COUNT}) or since <YYYY-MM-DD> (a date not in the future).`;

/** Returns the period `digest` arguments name. */
export function parseDigestPeriod(args: string, nowMs: number, timeZone: string): DigestPeriod {
  const a = args.trim().toLowerCase().replace(/^--since[= ]/, 'since ').replace(/\s+/g, ' ');
  if (a === '' || a === 'today') return { ok: true, sinceMs: startOfDay(nowMs, timeZone), label: 'for today' };
  if (a === 'week') return { ok: true, sinceMs: nowMs - 7 * 24 * 60 * MINUTE_MS, label: 'for the last 7 days' };
  if (a === 'all' || a === 'since ever' || a === 'since all') return { ok: true, sinceMs: 0, label: 'for all time' };
  const rest = a.replace(/^since /, '');
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(rest)) return parseSinceDate(rest, nowMs, timeZone);
  const duration = /^(\d+) ?([a-z]+)$/.exec(rest);
  const unit = duration ? UNITS.find((u) => u.names.includes(duration[2]!)) : undefined;
  if (!duration || !unit) return { ok: false, error: `"${args.trim().slice(0, 40)}" is not a period I know. ${PERIOD_HELP}` };
  const count = Number(duration[1]);
  if (count < 1 || count > MAX_DURATION_COUNT) {
    return { ok: false, error: `${duration[1]} ${unit.label}s is out of range: the number goes from 1 to ${MAX_DURATION_COUNT}. ${PERIOD_HELP}` };
  }
  const sinceMs = unit.ms !== undefined ? nowMs - count * unit.ms : subtractMonths(nowMs, count * unit.months!);
  return { ok: true, sinceMs: Math.max(0, sinceMs), label: `for the last ${count} ${unit.label}${count === 1 ? '' : 's'}` };
}

function parseSinceDate(text: string, nowMs: number, timeZone: string): DigestPeriod {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    return { ok: false, error: `"${text}" is not a date. ${PERIOD_HELP}` };
  }
  const sinceMs = wallTimeToInstant(wall, timeZone);
  if (sinceMs > nowMs) return { ok: false, error: `${text} is in the future. ${PERIOD_HELP}` };
  return { ok: true, sinceMs, label: `since ${check.toISOString().slice(0, 10)}` };
}

function startOfDay(nowMs: number, timeZone: string): number {
  const w = wallClock(nowMs, timeZone);
  return wallTimeToInstant(Date.UTC(w.year, w.month - 1, w.day), timeZone);
}

// Calendar months back, the day clamped to the month's length: 31 March minus one month is the last
// day of February, not 3 March as plain Date arithmetic would give.
function subtractMonths(nowMs: number, months: number): number {
  const at = new Date(nowMs);
  const day = at.getUTCDate();
  at.setUTCDate(1);
  at.setUTCMonth(at.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 0)).getUTCDate();
  at.setUTCDate(Math.min(day, lastDay));
  return at.getTime();
}
