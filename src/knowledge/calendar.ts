/**
 * The session calendar: `knowledge/calendar.tsv` plus the operator's TREATYWATCH_CALENDAR file, same
 * columns (`start end event place kind [critical]`). Rows of kind `session` are session weeks; a row
 * marked in the optional `critical` column counts as one too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { KnowledgeError, parseTsv, readKnowledgeText } from './knowledge-file.js';

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

/** Returns the calendar rows of a TSV text; throws naming the file (`where`) and line on a bad date. */
export function parseCalendar(text: string, where = 'calendar'): CalendarEvent[] {
  return parseTsv(text, where, ['start', 'event']).map(({ line, cells }) => {
    const get = (name: string) => cells[name] ?? '';
    const row = { start: get('start'), end: get('end') || get('start'), event: get('event'), place: get('place'), kind: get('kind') };
    for (const date of [row.start, row.end]) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
        throw new KnowledgeError(where, line, `bad date "${date}" (use YYYY-MM-DD)`);
      }
    }
    return { ...row, critical: row.kind === 'session' || /^(yes|true|1|critical)$/i.test(get('critical')) };
  });
}

/** Returns the shipped calendar plus the operator's file when given, in start order. */
export function readCalendar(dir: string, extraFile: string | null): CalendarEvent[] {
  const rows = parseCalendar(readKnowledgeText(dir, 'calendar.tsv'), 'knowledge/calendar.tsv');
  if (extraFile) {
    if (!existsSync(extraFile)) throw new KnowledgeError(`TREATYWATCH_CALENDAR file ${extraFile}`, null, 'not found');
    rows.push(...parseCalendar(readFileSync(extraFile, 'utf8'), extraFile));
  }
  return rows.sort((a, b) => a.start.localeCompare(b.start));
}
