/**
 * Five-field cron (minute hour day-of-month month day-of-week) evaluated in an IANA time zone.
 * Rules, in order: fields accept `*`, numbers, ranges `a-b`, steps `/n` and lists `a,b`; day of week
 * 0-7 (0 and 7 are Sunday); when both day fields are restricted either may match (classic cron).
 * Times are wall-clock times in the zone, so 08:00 stays 08:00 across a DST change. A wall time that
 * does not exist (spring forward) fires once, shifted by the gap; one that occurs twice (fall back)
 * fires once, at its first occurrence.
 */

/** A parsed cron expression: the allowed values of each field. */
export interface CronSpec {
  minutes: number[];
  hours: number[];
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  dayRestricted: boolean;
  weekdayRestricted: boolean;
}

const FIELD_RANGES: readonly [number, number][] = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 7]];
const FIELD_NAMES = ['minute', 'hour', 'day of month', 'month', 'day of week'];
const DAY_MS = 86_400_000;
// Long enough for "29 February on a Monday" style expressions, short enough to fail fast on impossible ones.
const SEARCH_LIMIT_DAYS = 366 * 8;

/** Returns the parsed expression; throws `schedule: ...` naming the bad field. */
export function parseCron(expr: string): CronSpec {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`schedule: a cron expression has 5 fields (got "${expr}")`);
  const sets = fields.map((f, i) => parseField(f, FIELD_RANGES[i]!, FIELD_NAMES[i]!));
  const weekdays = new Set([...sets[4]!].map((d) => d % 7));
  return {
    minutes: [...sets[0]!].sort((a, b) => a - b),
    hours: [...sets[1]!].sort((a, b) => a - b),
    days: sets[2]!,
    months: sets[3]!,
    weekdays,
    dayRestricted: fields[2] !== '*',
    weekdayRestricted: fields[4] !== '*',
  };
}

function parseField(field: string, [min, max]: [number, number], name: string): Set<number> {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`schedule: bad ${name} field "${field}"`);
    const from = m[1] === '*' ? min : Number(m[2]);
    const to = m[1] === '*' ? max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? max : from;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (from < min || to > max || from > to || step < 1) throw new Error(`schedule: ${name} "${part}" is outside ${min}-${max}`);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

/** Returns the first instant strictly after `afterMs` at which `expr` fires in `timeZone`; throws when it never does. */
export function nextCronTime(expr: string | CronSpec, timeZone: string, afterMs: number): number {
  const spec = typeof expr === 'string' ? parseCron(expr) : expr;
  const start = wallClock(afterMs, timeZone);
  let dayUtc = Date.UTC(start.year, start.month - 1, start.day);
  for (let i = 0; i < SEARCH_LIMIT_DAYS; i++, dayUtc += DAY_MS) {
    const d = new Date(dayUtc);
    if (!spec.months.has(d.getUTCMonth() + 1) || !matchesDay(spec, d.getUTCDate(), d.getUTCDay())) continue;
    for (const hour of spec.hours) {
      for (const minute of spec.minutes) {
        const at = wallTimeToInstant(dayUtc + hour * 3_600_000 + minute * 60_000, timeZone);
        if (at > afterMs) return at;
      }
    }
  }
  throw new Error(`schedule: "${typeof expr === 'string' ? expr : 'cron'}" never fires`);
}

function matchesDay(spec: CronSpec, day: number, weekday: number): boolean {
  const dayOk = spec.days.has(day);
  const weekdayOk = spec.weekdays.has(weekday);
  if (spec.dayRestricted && spec.weekdayRestricted) return dayOk || weekdayOk;
  return dayOk && weekdayOk;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Returns the wall-clock fields of an instant in a time zone. */
export function wallClock(
  ms: number,
  timeZone: string,
): { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const year = parts['year']!, month = parts['month']!, day = parts['day']!;
  return { year, month, day, hour: parts['hour']!, minute: parts['minute']!, second: parts['second']!, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() };
}

/** Returns the zone's offset from UTC at an instant, in milliseconds (positive east of Greenwich). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

/**
 * Returns the instant of a wall-clock time (given as if it were UTC) in a zone: the earlier one when
 * the time occurs twice, and for a time in a spring-forward gap the instant the clock would show had
 * it not jumped (02:30 becomes 03:30), so it still happens once.
 */
export function wallTimeToInstant(wallAsUtcMs: number, timeZone: string): number {
  const before = zoneOffsetMs(wallAsUtcMs - DAY_MS, timeZone);
  const after = zoneOffsetMs(wallAsUtcMs + DAY_MS, timeZone);
  const candidates = [before, after]
    .map((offset) => wallAsUtcMs - offset)
    .filter((t) => zoneOffsetMs(t, timeZone) === wallAsUtcMs - t);
  if (candidates.length > 0) return Math.min(...candidates);
  return wallAsUtcMs - before;
}
