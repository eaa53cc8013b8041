// Dates arrive as RFC 822 (RSS), ISO 8601 (Atom, dc:date) or prose ("25 Oct 2025", "October 25, 2025")
// on UN and NGO pages. Date-only forms are read as UTC midnight so the result never depends on the
// machine's time zone; anything with a time goes through Date.parse, which honours its offset.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_MONTH_YEAR = /^(\d{1,2})(?:st|nd|rd|th)?[\s.-]+([A-Za-z]{3,9})\.?,?[\s.-]+(\d{4})$/;
const MONTH_DAY_YEAR = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Returns the instant a date string names in epoch milliseconds, or null when it is missing or unreadable. */
export function parseDateMs(value: string | null | undefined): number | null {
  if (value == null) return null;
  const text = value.replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  // A date-only shape is judged here alone: Date.parse would roll "31 Feb 2025" into March.
  if (isDayShape(text)) return parseDayMs(text);
  // A bare number is not a date Date.parse should guess at ("2025" would become 1 Jan 2025).
  if (/^\d+$/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

/** Returns UTC midnight of a date-only string ("25 Oct 2025", "October 25, 2025", "2025-10-25"), or null. */
export function parseDayMs(text: string): number | null {
  const trimmed = text.trim();
  let match = DAY_MONTH_YEAR.exec(trimmed);
  if (match) return utcDay(match[3], monthIndex(match[2]), match[1]);
  match = MONTH_DAY_YEAR.exec(trimmed);
  if (match) return utcDay(match[3], monthIndex(match[1]), match[2]);
  match = ISO_DAY.exec(trimmed);
  if (match) return utcDay(match[1], Number(match[2]) - 1, match[3]);
  return null;
}

function isDayShape(text: string): boolean {
  return DAY_MONTH_YEAR.test(text) || MONTH_DAY_YEAR.test(text) || ISO_DAY.test(text);
}

/** Returns the `YYYY-MM-DD` form of an epoch-milliseconds instant, in UTC. */
export function formatIsoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function monthIndex(name: string | undefined): number {
  return name === undefined ? -1 : MONTHS.indexOf(name.slice(0, 3).toLowerCase());
}

function utcDay(year: string | undefined, month: number, day: string | undefined): number | null {
  const y = Number(year);
  const d = Number(day);
  if (month < 0 || d < 1 || d > 31) return null;
  const ms = Date.UTC(y, month, d);
  // Date.UTC rolls 31 Feb into March; a real date survives the round trip.
  return new Date(ms).getUTCDate() === d ? ms : null;
}
