/** Readers for the response headers that tell us when to come back (RFC 9110 Retry-After, RFC 9111 Cache-Control). */

/** Returns `Retry-After` in milliseconds from now (delay-seconds or an HTTP date), or null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds * 1000) ? seconds * 1000 : null;
  }
  // HTTP dates always name the weekday first; requiring that keeps Date.parse away from odd inputs.
  if (!/^[a-z]{3},? /i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  // A date in the past means "now"; the caller's schedule still applies its own interval.
  return Math.max(0, at - nowMs);
}

/** Returns `Cache-Control: max-age` in milliseconds, or null when the header has none. */
export function parseMaxAge(cacheControl: string | null | undefined): number | null {
  if (!cacheControl) return null;
  for (const directive of cacheControl.split(',')) {
    const match = /^\s*max-age\s*=\s*"?(\d+)"?\s*$/i.exec(directive);
    if (match) {
      const ms = Number(match[1]) * 1000;
      return Number.isSafeInteger(ms) ? ms : null;
    }
  }
  return null;
}
