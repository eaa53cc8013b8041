import { COUNT_WEEK_MS, COUNT_WEEK_OFFSET_MS, type WeekWindow } from '../store/tracker-store.js';

/** One week in milliseconds. */
export const WEEK_MS = COUNT_WEEK_MS;
// Weeks start on Mondays, as the stored per-week counts do.
const MONDAY_OFFSET_MS = COUNT_WEEK_OFFSET_MS;

/** Returns the window of `weeks` whole weeks (Monday 00:00 UTC) ending with the week that holds `nowMs`. */
export function lastWeeks(nowMs: number, weeks: number): WeekWindow {
  // 1970-01-01 was a Thursday: shift so weeks start on Mondays.
  const thisWeek = Math.floor((nowMs - MONDAY_OFFSET_MS) / WEEK_MS) * WEEK_MS + MONDAY_OFFSET_MS;
  return { startMs: thisWeek - (weeks - 1) * WEEK_MS, weeks, weekMs: WEEK_MS };
}

/** Returns the YYYY-MM-DD of the Monday that starts week `index` of the window. */
export function weekLabel(window: WeekWindow, index: number): string {
  return new Date(window.startMs + index * window.weekMs).toISOString().slice(0, 10);
}
