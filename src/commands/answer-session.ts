import { textMessage, type Message } from '../chat/message.js';
import { currentSession, nextSession } from '../deliver/session-calendar.js';
import type { CalendarEvent } from '../knowledge/calendar.js';

const DAY_MS = 86_400_000;

/** Returns the reply to `session`: the session running now, else the next one, else the last. */
export function answerSession(calendar: readonly CalendarEvent[], nowMs: number): Message {
  const now = currentSession(nowMs, calendar);
  if (now) return textMessage('reply', `In session now: ${describe(now)}. Session-critical sources are polled every 5 minutes.`);
  const next = nextSession(nowMs, calendar);
  if (next) {
    const days = Math.ceil((Date.parse(next.start) - nowMs) / DAY_MS);
    return textMessage('reply', `Next session: ${describe(next)}, in ${days} day${days === 1 ? '' : 's'}.`);
  }
  return textMessage('reply', 'No session is scheduled in the calendar.');
}

function describe(e: CalendarEvent): string {
  const dates = e.start === e.end ? e.start : `${e.start} to ${e.end}`;
  return `${e.event}${e.place && e.place !== '-' ? `, ${e.place}` : ''} (${dates})`;
}
