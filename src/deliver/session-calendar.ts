/**
 * Session weeks from the calendar (`Knowledge.calendar`: the shipped one plus the operator's).
 * Dates are whole days; a session runs from the start
 * of its first day to the end of its last in Geneva time, where the negotiations are coordinated,
 * with a day's slack on each side for New York and Asian time zones.
 */
import type { Source } from '../domain.js';
import type { CalendarEvent } from '../knowledge/calendar.js';
/** How often session-critical sources are polled while a session runs. */
export const SESSION_POLL_INTERVAL_MS = 5 * 60_000;
const DAY_MS = 86_400_000;
const SLACK_MS = 12 * 3_600_000;

/** Returns the start and end instants of an event, slack included. */
export function eventWindow(e: CalendarEvent): { startMs: number; endMs: number } {
  return { startMs: Date.parse(e.start) - SLACK_MS, endMs: Date.parse(e.end) + DAY_MS + SLACK_MS };
}

/** Returns the session-week event running at `nowMs`, or undefined. */
export function currentSession(nowMs: number, events: readonly CalendarEvent[]): CalendarEvent | undefined {
  return events.find((e) => {
    if (!e.critical) return false;
    const w = eventWindow(e);
    return nowMs >= w.startMs && nowMs < w.endMs;
  });
}

/** Returns the next session-week event starting after `nowMs`, or undefined. */
export function nextSession(nowMs: number, events: readonly CalendarEvent[]): CalendarEvent | undefined {
  return events.find((e) => e.critical && eventWindow(e).startMs > nowMs);
}

/** Returns the poll interval for a source right now: every 5 minutes for session-critical sources during a session, else null (its own). */
export function pollIntervalOverride(source: Pick<Source, 'sessionCritical' | 'intervalMs'>, nowMs: number, events: readonly CalendarEvent[]): number | null {
  if (!source.sessionCritical || !currentSession(nowMs, events)) return null;
  return Math.min(source.intervalMs, SESSION_POLL_INTERVAL_MS);
}
