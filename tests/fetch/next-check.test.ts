import { describe, expect, it } from 'vitest';
import { FetchError } from '../../src/fetch/fetch-result.js';
import { computeNextCheck, FIRST_RETRY_MS, MAX_BACKOFF_MS, MIN_DELAY_MS, shouldReportError, TRANSIENT_ERRORS_BEFORE_REPORT } from '../../src/fetch/next-check.js';

const NOW = Date.UTC(2026, 0, 15, 8, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const base = { nowMs: NOW, intervalMs: 30 * MIN, ttlMs: null, maxAgeMs: null, retryAfterMs: null, errorCount: 0, random: () => 0 };

describe('computeNextCheck after a success', () => {
  it.each([
    ['the interval when nothing else is given', {}, 30 * MIN],
    ['the feed ttl when longer', { ttlMs: 2 * HOUR }, 2 * HOUR],
    ['max-age when longest', { ttlMs: HOUR, maxAgeMs: 3 * HOUR }, 3 * HOUR],
    ['Retry-After when longest', { maxAgeMs: HOUR, retryAfterMs: 5 * HOUR }, 5 * HOUR],
    ['the interval when the hints are shorter', { ttlMs: MIN, maxAgeMs: 5 * MIN, retryAfterMs: 10 * MIN }, 30 * MIN],
    ['at most a day for a huge max-age', { maxAgeMs: 365 * 24 * HOUR }, MAX_BACKOFF_MS],
    ['the interval when hints are negative or NaN', { ttlMs: -5, maxAgeMs: Number.NaN, retryAfterMs: Number.POSITIVE_INFINITY }, 30 * MIN],
  ])('waits %s', (_name, overrides, delay) => {
    expect(computeNextCheck({ ...base, ...overrides })).toBe(NOW + delay);
  });

  it('keeps an interval longer than a day', () => {
    expect(computeNextCheck({ ...base, intervalMs: 7 * 24 * HOUR })).toBe(NOW + 7 * 24 * HOUR);
  });

  it('never schedules sooner than a minute, even for a zero or NaN interval', () => {
    expect(computeNextCheck({ ...base, intervalMs: 0 })).toBe(NOW + MIN);
    expect(computeNextCheck({ ...base, intervalMs: Number.NaN })).toBe(NOW + MIN);
  });
});

describe('computeNextCheck after failures', () => {
  it('retries a first failure after minutes, not a multiple of the interval', () => {
    expect(FIRST_RETRY_MS).toBeLessThanOrEqual(5 * MIN);
    expect(computeNextCheck({ ...base, intervalMs: 12 * HOUR, errorCount: 1 })).toBe(NOW + FIRST_RETRY_MS);
  });

  it.each([
    [1, 2 * MIN],
    [2, 4 * MIN],
    [3, 8 * MIN],
    [4, 16 * MIN],
    [5, 30 * MIN],
    [6, 30 * MIN],
    [50, 30 * MIN],
    [1_000_000, 30 * MIN],
  ])('after %i failures in a row waits %i ms without jitter, capped at the 30-minute interval', (errorCount, delay) => {
    expect(computeNextCheck({ ...base, errorCount })).toBe(NOW + delay);
  });

  it('grows exponentially up to the interval of a daily source', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((errorCount) => computeNextCheck({ ...base, intervalMs: 24 * HOUR, errorCount }) - NOW);
    for (let i = 1; i < delays.length; i++) {
      const prev = delays[i - 1] as number;
      expect(delays[i]).toBe(Math.min(2 * prev, 24 * HOUR));
    }
    expect(delays.at(-1)).toBe(24 * HOUR);
  });

  it('caps the wait at a day for a source polled weekly', () => {
    expect(computeNextCheck({ ...base, intervalMs: 7 * 24 * HOUR, errorCount: 30 })).toBe(NOW + MAX_BACKOFF_MS);
  });

  it('never retries sooner than the shortest delay, even with jitter and a one-minute interval', () => {
    expect(computeNextCheck({ ...base, intervalMs: MIN, errorCount: 3, random: () => 0.99 })).toBe(NOW + MIN_DELAY_MS);
  });

  it.each([0, 0.25, 0.5, 0.999999, 1, -3, 7, Number.NaN])('keeps jitter from random() = %s within 80-100%% of the backoff', (r) => {
    const next = computeNextCheck({ ...base, errorCount: 3, random: () => r });
    expect(next - NOW).toBeGreaterThanOrEqual(0.8 * 8 * MIN);
    expect(next - NOW).toBeLessThanOrEqual(8 * MIN);
    expect(Number.isFinite(next)).toBe(true);
  });

  it('spreads retries with different random values', () => {
    const a = computeNextCheck({ ...base, errorCount: 3, random: () => 0.1 });
    const b = computeNextCheck({ ...base, errorCount: 3, random: () => 0.9 });
    expect(a).not.toBe(b);
  });

  it('never retries before Retry-After, even when the backoff is shorter', () => {
    expect(computeNextCheck({ ...base, errorCount: 1, retryAfterMs: 6 * HOUR, random: () => 0.5 })).toBe(NOW + 6 * HOUR);
  });

  it('never returns Infinity or NaN and never exceeds the cap for any failure count', () => {
    for (const errorCount of [1, 10, 100, 1e9, Number.MAX_SAFE_INTEGER, Number.POSITIVE_INFINITY]) {
      const next = computeNextCheck({ ...base, intervalMs: 7 * 24 * HOUR, errorCount, random: Math.random });
      expect(Number.isFinite(next)).toBe(true);
      expect(next - NOW).toBeLessThanOrEqual(MAX_BACKOFF_MS);
    }
  });

  it('rejects a non-finite clock instead of returning NaN', () => {
    expect(() => computeNextCheck({ ...base, nowMs: Number.NaN })).toThrow(/nowMs/);
  });
});

describe('shouldReportError', () => {
  const transient = new FetchError('fetch: GET x returned HTTP 503', { kind: 'http', transient: true, httpStatus: 503 });
  const notFound = new FetchError('fetch: GET x returned HTTP 404', { kind: 'http', transient: false, httpStatus: 404 });
  const blocked = new FetchError('fetch: refused', { kind: 'blocked', transient: false });

  it('reports 4xx, blocked URLs and parse errors at once', () => {
    expect(shouldReportError(notFound, 1)).toBe(true);
    expect(shouldReportError(blocked, 1)).toBe(true);
    expect(shouldReportError(new Error('parse: not a feed'), 1)).toBe(true);
  });

  it(`keeps transient errors quiet until ${TRANSIENT_ERRORS_BEFORE_REPORT} in a row`, () => {
    expect([1, 2, 3, 4].map((n) => shouldReportError(transient, n))).toEqual([false, false, true, true]);
  });
});
