import type { Source } from '../domain.js';
import type { Db } from '../store/db.js';
import { recentPublishedTimes } from '../store/items-store.js';

/** A source without new items for less than this is never called stale. */
export const STALE_MIN_MS = 7 * 86_400_000;
/** With too little history to know its rhythm, a source is stale after this long without news. */
export const STALE_DEFAULT_MS = 30 * 86_400_000;
/** "Far longer than usual": this many times the source's usual gap between items. */
export const STALE_GAP_FACTOR = 4;

/** How many of a source's newest dated items tell its usual gap between items. */
export const STALE_HISTORY_ITEMS = 21;

export type SourceState = 'ok' | 'new' | 'failing' | 'stale' | 'disabled';

/** A source's health as the `sources` command shows it. */
export interface SourceHealth {
  id: string;
  name: string;
  kind: Source['kind'];
  url: string;
  state: SourceState;
  lastSuccessAtMs: number | null;
  lastNewAtMs: number | null;
  errorCount: number;
  lastError: string | null;
  nextCheckAtMs: number;
  stale: boolean;
}

/**
 * Returns a source's health. A source is stale when it fetches fine but has yielded nothing new for
 * far longer than usual: STALE_GAP_FACTOR times the median gap between its recent items, and at
 * least STALE_MIN_MS.
 */
export function describeSourceHealth(db: Db, source: Source, nowMs: number): SourceHealth {
  const lastNews = source.lastNewAtMs ?? source.firstPolledAtMs;
  const stale = source.enabled && source.errorCount === 0 && lastNews !== null && nowMs - lastNews > staleAfterMs(db, source.id);
  const state: SourceState = !source.enabled ? 'disabled'
    : source.errorCount > 0 ? 'failing'
    : source.lastSuccessAtMs === null ? 'new'
    : stale ? 'stale' : 'ok';
  return {
    id: source.id, name: source.name, kind: source.kind, url: source.url, state,
    lastSuccessAtMs: source.lastSuccessAtMs, lastNewAtMs: source.lastNewAtMs,
    errorCount: source.errorCount, lastError: source.lastError, nextCheckAtMs: source.nextCheckAtMs, stale,
  };
}

function staleAfterMs(db: Db, sourceId: string): number {
  const dates = recentPublishedTimes(db, sourceId, STALE_HISTORY_ITEMS);
  if (dates.length < 4) return STALE_DEFAULT_MS;
  const gaps = dates.slice(1).map((t, i) => dates[i]! - t).sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)]!;
  return Math.max(STALE_MIN_MS, STALE_GAP_FACTOR * median);
}
