import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '../../src/log.js';

/** Slack's replay window: a signed request older or newer than this is refused. */
export const MAX_REQUEST_SKEW_MS = 5 * 60 * 1000;

/**
 * Returns true when the `X-Slack-Request-Timestamp` value lies more than 5 minutes in the future.
 * The header is read with `Number()`, exactly as Bolt reads it before it checks the signature: any
 * spelling Bolt accepts (`+ts`, `ts.0`, hex, exponent, leading zeros, padding) is judged by the
 * same value here, so re-spelling a captured header cannot slip a future stamp past this check.
 */
export function isFutureTimestamp(header: string | string[] | undefined, nowMs: number): boolean {
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined) return false; // missing: Bolt refuses it
  const seconds = Number(raw);
  if (Number.isNaN(seconds)) return false; // Bolt refuses a value that is not a number
  return seconds * 1000 - nowMs > MAX_REQUEST_SKEW_MS;
}

/**
 * Returns a request listener that answers 401 to requests stamped more than 5 minutes ahead and
 * passes the rest to Bolt. Bolt's own check refuses old timestamps only, and a captured request
 * signed with a future stamp could otherwise be replayed until that time came.
 */
export function guardRequestTimestamps(next: RequestListener, deps: { now: () => number; log: Logger }): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (isFutureTimestamp(req.headers['x-slack-request-timestamp'], deps.now())) {
      deps.log.warn('slack request refused', { reason: 'timestamp_in_future' });
      req.resume();
      res.writeHead(401, { connection: 'close' }).end();
      return;
    }
    next(req, res);
  };
}
