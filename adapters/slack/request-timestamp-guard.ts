import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '../../src/log.js';

/** Slack's replay window: a signed request older or newer than this is refused. */
export const MAX_REQUEST_SKEW_MS = 5 * 60 * 1000;

/** Returns true when the `X-Slack-Request-Timestamp` value lies more than 5 minutes in the future. */
export function isFutureTimestamp(header: string | string[] | undefined, nowMs: number): boolean {
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined || !/^\d{1,12}$/.test(raw.trim())) return false; // missing or malformed: Bolt refuses it
  return Number(raw.trim()) * 1000 - nowMs > MAX_REQUEST_SKEW_MS;
}

/**
 * Returns a request listener that answers 401 to requests stamped more than 5 minutes ahead and
 * passes the rest to Bolt. Bolt's own check refuses old timestamps only, and a captured request
 * signed with a future stamp could otherwise be replayed until that time came.
 */
export function guardRequestTimestamps(next: RequestListener, deps: { now: () => number; log: Logger }): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (isFutureTimestamp(req.headers['x-slack-request-timestamp'], deps.now())) {
      deps.log.warn('slack_request_refused', { reason: 'timestamp_in_future' });
      req.resume();
      res.writeHead(401).end();
      return;
    }
    next(req, res);
  };
}
