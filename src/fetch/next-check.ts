/**
 * When to look at a source again. After a success: the longest of the source's interval, the
 * feed's `ttl`, `Cache-Control: max-age` and `Retry-After`. After a failure: a short first retry
 * (two minutes) that doubles with each failure in a row, shortened by jitter, capped at the source's
 * own interval (and at a day), and never earlier than `Retry-After`. One transient failure therefore
 * costs a source minutes, not a multiple of its interval. A source is never given up on: the result
 * is always a finite time.
 */
import { FetchError } from './fetch-result.js';

/** The ceiling on waits after failures, and the most a server's cache hints may push a check out. */
export const MAX_BACKOFF_MS = 24 * 60 * 60_000;
/** Transient failures (5xx, 429, network, timeout) stay quiet until this many in a row. */
export const TRANSIENT_ERRORS_BEFORE_REPORT = 3;
/** The shortest delay we schedule, whatever the inputs say. */
export const MIN_DELAY_MS = 60_000;
/** The wait after the first failure of a streak; it doubles with each failure that follows. */
export const FIRST_RETRY_MS = 2 * 60_000;
/** Backoff is shortened by up to this fraction so sources that failed together do not retry together. */
export const BACKOFF_JITTER_RATIO = 0.2;

/** What the schedule depends on; optional hints are null when the server or feed gave none. */
export interface NextCheckInput {
  nowMs: number;
  intervalMs: number;
  ttlMs: number | null;
  maxAgeMs: number | null;
  retryAfterMs: number | null;
  /** Failures in a row including the one just seen; 0 after a success. */
  errorCount: number;
  /** A number in [0, 1); Math.random by default. */
  random?: () => number;
}

/** Returns the time in milliseconds at which the source should next be checked. */
export function computeNextCheck(input: NextCheckInput): number {
  if (!Number.isFinite(input.nowMs)) throw new Error(`fetch: computeNextCheck needs a finite nowMs (got ${input.nowMs})`);
  const interval = Math.max(MIN_DELAY_MS, finiteOr(input.intervalMs, MIN_DELAY_MS));
  // Server and feed hints are capped: a year-long max-age must not silence a source for a year.
  const hint = (value: number | null) => Math.min(MAX_BACKOFF_MS, Math.max(0, finiteOr(value, 0)));
  const retryAfter = hint(input.retryAfterMs);
  // An absurd count (even Infinity) still means "failing"; only NaN reads as no failures.
  const errorCount = Number.isNaN(input.errorCount) ? 0 : Math.max(0, Math.floor(Math.min(input.errorCount, 1e9)));

  if (errorCount === 0) {
    return input.nowMs + Math.max(interval, hint(input.ttlMs), hint(input.maxAgeMs), retryAfter);
  }
  // FIRST_RETRY_MS x 2^(n-1), never longer than the source's own interval nor a day; the exponent is
  // clamped so the product stays finite.
  const ceiling = Math.min(MAX_BACKOFF_MS, interval);
  const backoff = Math.min(ceiling, FIRST_RETRY_MS * 2 ** Math.min(errorCount - 1, 40));
  const random = clampUnit(finiteOr((input.random ?? Math.random)(), 0));
  const jittered = backoff * (1 - BACKOFF_JITTER_RATIO * random);
  return input.nowMs + Math.round(Math.max(jittered, retryAfter, MIN_DELAY_MS));
}

/** Returns true when a failure should be reported to the operator rather than retried quietly. */
export function shouldReportError(err: FetchError | Error, errorCount: number): boolean {
  // Parse errors, 4xx, blocked URLs and oversized bodies need a person; waiting will not fix them.
  if (!(err instanceof FetchError) || !err.transient) return true;
  return errorCount >= TRANSIENT_ERRORS_BEFORE_REPORT;
}

function finiteOr(value: number | null | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function clampUnit(value: number): number {
  return Math.min(1, Math.max(0, value));
}
