/**
 * Per-host politeness for enrichment: at most one request to a host every `intervalMs`, and no
 * request before a host's `Retry-After` has passed. Kept in memory: after a restart the first
 * request to a host simply waits for nothing.
 */

/** Paces requests per host name. */
export interface HostPacer {
  /** Takes the host's next slot when it is free at `nowMs`; returns false (and takes nothing) otherwise. */
  tryTake(host: string, nowMs: number): boolean;
  /** Keeps the host quiet until `untilMs` (a 429 or 503 with Retry-After). */
  blockUntil(host: string, untilMs: number): void;
  /** Returns when the host is next free (at or before `nowMs` when it is free now). */
  freeAt(host: string): number;
}

/** Returns a pacer allowing one request per host every `intervalMs`. */
export function createHostPacer(intervalMs: number): HostPacer {
  const nextFree = new Map<string, number>();
  return {
    tryTake(host, nowMs) {
      if ((nextFree.get(host) ?? 0) > nowMs) return false;
      nextFree.set(host, nowMs + intervalMs);
      return true;
    },
    blockUntil(host, untilMs) {
      nextFree.set(host, Math.max(nextFree.get(host) ?? 0, untilMs));
    },
    freeAt(host) {
      return nextFree.get(host) ?? 0;
    },
  };
}

/** Returns the host a politeness slot is kept for: the URL's host name, lower-case, or the raw text when it is not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return url;
  }
}
