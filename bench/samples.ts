/** Bench figures as samples: every figure is the median of its samples, shown with their range. */

/** One measured figure: its samples (at least three for a budgeted one), and a baseline's from the same run. */
export interface Sampled {
  /** Stable `--json` key of a budgeted figure, or null for a figure shown only in the table. */
  key: string | null;
  name: string;
  unit: string;
  samples: number[];
  baseline: { name: string; samples: number[] } | null;
}

/** A budget: the figure must stay below (`<`) or reach (`>=`) the limit. */
export interface Budget { op: '<' | '>='; limit: number; unit: string }

/** The budgets, by figure key. */
export const BUDGETS: Record<string, Budget> = {
  lookup_p99_ms: { op: '<', limit: 5, unit: 'ms' },
  lookup1m_p99_ms: { op: '<', limit: 20, unit: 'ms' },
  search_p99_ms: { op: '<', limit: 20, unit: 'ms' },
  stall_ms: { op: '<', limit: 100, unit: 'ms' },
  digest10k_ms: { op: '<', limit: 1000, unit: 'ms' },
  rss_start_mb: { op: '<', limit: 120, unit: 'MB' },
  ready_ms: { op: '<', limit: 600, unit: 'ms' },
  coldstart_ms: { op: '<', limit: 400, unit: 'ms' },
  ingest_ratio: { op: '>=', limit: 0.5, unit: 'x' },
  cycle304_ms: { op: '<', limit: 2000, unit: 'ms' },
};

/** Every key `--json` prints, in order, whether measured in this run or not. */
export const JSON_KEYS = [
  'lookup_p99_ms', 'lookup1m_p99_ms', 'search_p99_ms', 'ingest_ratio', 'cycle304_ms', 'stall_ms',
  'rss_start_mb', 'rss_start_slack_mb', 'coldstart_ms', 'ready_ms', 'digest10k_ms',
] as const;

/** Returns the p-th percentile (0..100) of the samples. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Returns the median (the mean of the middle two for an even count). */
export function median(samples: readonly number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Rounds to 2 decimals (3 significant digits for small values). */
export function round(n: number): number {
  if (!Number.isFinite(n)) return n;
  return n >= 100 ? Math.round(n) : n >= 1 ? Math.round(n * 100) / 100 : Number(n.toPrecision(3));
}

/** Returns whether the median meets the budget, or null when the figure has none. */
export function meets(key: string | null, value: number): boolean | null {
  const budget = key === null ? undefined : BUDGETS[key];
  if (!budget) return null;
  if (!Number.isFinite(value)) return false;
  return budget.op === '<' ? value < budget.limit : value >= budget.limit;
}

/** Returns "median [min–max] (n=3)". */
export function describeSamples(samples: readonly number[], unit: string): string {
  if (samples.length === 0) return '-';
  const m = `${round(median(samples))} ${unit}`;
  return samples.length === 1 ? `${m} (1 sample)` : `${m} [${round(Math.min(...samples))}–${round(Math.max(...samples))}] (n=${samples.length})`;
}
