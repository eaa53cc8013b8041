import { describe, expect, it } from 'vitest';
import { currentSession, nextSession, pollIntervalOverride, SESSION_POLL_INTERVAL_MS } from '../../src/deliver/session-calendar.js';
import { parseCalendar } from '../../src/knowledge/calendar.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const TSV = 'start\tend\tevent\tplace\tkind\tcritical\n' +
  '2026-01-26\t2026-01-30\tAHC session\tVienna\tsession\t\n' +
  '2026-03-10\t2026-03-10\tSigning event\tNew York\tmilestone\tyes\n' +
  '2026-04-01\t2026-04-01\tReport published\t-\tdocument\t\n';
const events = parseCalendar(TSV);
const at = (s: string) => Date.parse(s);

describe('session calendar', () => {
  it.each([
    ['2026-01-25T11:00:00Z', undefined],
    ['2026-01-25T12:00:00Z', 'AHC session'],
    ['2026-01-28T12:00:00Z', 'AHC session'],
    ['2026-01-31T11:59:00Z', 'AHC session'],
    ['2026-01-31T12:00:00Z', undefined],
    ['2026-03-10T08:00:00Z', 'Signing event'],
    ['2026-04-01T08:00:00Z', undefined],
  ])('at %s the running session is %s', (when, event) => {
    expect(currentSession(at(when), events)?.event).toBe(event);
  });

  it('names the next session-week event', () => {
    expect(nextSession(at('2026-02-01T00:00:00Z'), events)?.event).toBe('Signing event');
    expect(nextSession(at('2026-05-01T00:00:00Z'), events)).toBeUndefined();
  });

  it('polls session-critical sources every 5 minutes only during a session (shipped calendar)', () => {
    const critical = { sessionCritical: true, intervalMs: 3_600_000 };
    expect(pollIntervalOverride(critical, at('2026-01-27T10:00:00Z'), KNOWLEDGE.calendar)).toBe(SESSION_POLL_INTERVAL_MS);
    expect(pollIntervalOverride(critical, at('2026-05-27T10:00:00Z'), KNOWLEDGE.calendar)).toBeNull();
    expect(pollIntervalOverride({ ...critical, sessionCritical: false }, at('2026-01-27T10:00:00Z'), KNOWLEDGE.calendar)).toBeNull();
    expect(pollIntervalOverride({ ...critical, intervalMs: 60_000 }, at('2026-01-27T10:00:00Z'), KNOWLEDGE.calendar)).toBe(60_000);
  });

  it('refuses a row with a bad date, naming the line', () => {
    expect(() => parseCalendar('start\tend\tevent\tplace\tkind\n2026-13-01\t\tX\t-\tsession\n', 'extra.tsv')).toThrow(/^knowledge: extra.tsv line 2: bad date/);
  });
});
