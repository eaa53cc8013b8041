/**
 * Session weeks from the calendar (knowledge/calendar.tsv plus the operator's TREATYWATCH_CALENDAR
 * file, same columns). Rows of kind `session` are session weeks; any row marked `critical` in the
 * optional `critical` column counts as one too. Dates are whole days; a session runs from the start
 * of its first day to the end of its last in Geneva time, where the negotiations are coordinated,
 * with a day's slack on each side for New York and Asian time zones.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Source } from '../domain.js';
import { projectPath } from '../project-path.js';

/** One calendar row. */
export interface CalendarEvent {
  /** YYYY-MM-DD */
  start: string;
  /** YYYY-MM-DD, inclusive. */
  end: string;
  event: string;
  place: string;
  kind: string;
  critical: boolean;
}

/** How often session-critical sources are polled while a session runs. */
export const SESSION_POLL_INTERVAL_MS = 5 * 60_000;
const DAY_MS = 86_400_000;
const SLACK_MS = 12 * 3_600_000;

let calendar: CalendarEvent[] | undefined;

/** Returns the calendar rows of a TSV text (header `start end event place kind [critical]`); throws `calendar: ...` on a bad date. */
export function parseCalendar(text: string, where = 'calendar'): CalendarEvent[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const header = (lines.shift() ?? '').split('\t').map((h) => h.trim());
  return lines.map((line, i) => {
    const cells = line.split('\t');
    const get = (name: string) => (cells[header.indexOf(name)] ?? '').trim();
    const row = { start: get('start'), end: get('end') || get('start'), event: get('event'), place: get('place'), kind: get('kind') };
    for (const date of [row.start, row.end]) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
        throw new Error(`calendar: ${where} line ${i + 2}: bad date "${date}" (use YYYY-MM-DD)`);
      }
    }
    return { ...row, critical: row.kind === 'session' || /^(yes|true|1|critical)$/i.test(get('critical')) };
  });
}

/** Loads the shipped calendar plus an optional operator file; later calls to sessionEvents use it. */
export function loadCalendar(extraFile: string | null = null): CalendarEvent[] {
  const rows = parseCalendar(readFileSync(projectPath('knowledge', 'calendar.tsv'), 'utf8'), 'knowledge/calendar.tsv');
  if (extraFile) {
    if (!existsSync(extraFile)) throw new Error(`calendar: TREATYWATCH_CALENDAR file ${extraFile} not found`);
    rows.push(...parseCalendar(readFileSync(extraFile, 'utf8'), extraFile));
  }
  rows.sort((a, b) => a.start.localeCompare(b.start));
  calendar = rows;
  return rows;
}

/** Returns the loaded calendar (the shipped one unless loadCalendar was given an operator file). */
export function currentCalendar(): CalendarEvent[] {
  return calendar ?? loadCalendar();
}

/** Returns the start and end instants of an event, slack included. */
export function eventWindow(e: CalendarEvent): { startMs: number; endMs: number } {
  return { startMs: Date.parse(e.start) - SLACK_MS, endMs: Date.parse(e.end) + DAY_MS + SLACK_MS };
}

/** Returns the session-week event running at `nowMs`, or undefined. */
export function currentSession(nowMs: number, events: readonly CalendarEvent[] = currentCalendar()): CalendarEvent | undefined {
  return events.find((e) => {
    if (!e.critical) return false;
    const w = eventWindow(e);
    return nowMs >= w.startMs && nowMs < w.endMs;
  });
}

/** Returns the next session-week event starting after `nowMs`, or undefined. */
export function nextSession(nowMs: number, events: readonly CalendarEvent[] = currentCalendar()): CalendarEvent | undefined {
  return events.find((e) => e.critical && eventWindow(e).startMs > nowMs);
}

/** Returns the poll interval for a source right now: every 5 minutes for session-critical sources during a session, else null (its own). */
export function pollIntervalOverride(source: Pick<Source, 'sessionCritical' | 'intervalMs'>, nowMs: number): number | null {
  if (!source.sessionCritical || !currentSession(nowMs)) return null;
  return Math.min(source.intervalMs, SESSION_POLL_INTERVAL_MS);
}
