/** A small Prometheus text-format registry: counters, gauges and histograms with labels. */

type Labels = Record<string, string>;

/** Upper bounds, in seconds, of the duration histogram buckets. */
export const DURATION_BUCKETS_S = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20];

interface Histogram {
  labels: Labels;
  counts: number[];
  sum: number;
  count: number;
}

interface Series {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  values: Map<string, number>;
  histograms: Map<string, Histogram>;
}

/** Returns the `{a="x",b="y"}` label suffix for a series, with values escaped per the text format. */
export function formatLabels(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '';
  const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
  return '{' + keys.map((k) => `${k}="${esc(labels[k]!)}"`).join(',') + '}';
}

/** The bot's metrics; `render()` is what `/metrics` serves. */
export class Metrics {
  private readonly series = new Map<string, Series>();
  private readonly collectors: (() => void)[] = [];

  /** Adds `by` to a counter. */
  inc(name: string, help: string, labels: Labels = {}, by = 1): void {
    const s = this.get(name, help, 'counter');
    const key = formatLabels(labels);
    s.values.set(key, (s.values.get(key) ?? 0) + by);
  }

  /** Sets a gauge. */
  set(name: string, help: string, labels: Labels, value: number): void {
    this.get(name, help, 'gauge').values.set(formatLabels(labels), value);
  }

  /** Drops every value of a gauge, before a collector sets the current ones. */
  reset(name: string): void {
    this.series.get(name)?.values.clear();
  }

  /** Records one observation (in seconds) in a histogram. */
  observe(name: string, help: string, labels: Labels, valueS: number): void {
    const s = this.get(name, help, 'histogram');
    const key = formatLabels(labels);
    let h = s.histograms.get(key);
    if (!h) s.histograms.set(key, (h = { labels, counts: DURATION_BUCKETS_S.map(() => 0), sum: 0, count: 0 }));
    DURATION_BUCKETS_S.forEach((bound, i) => {
      if (valueS <= bound) h.counts[i]!++;
    });
    h.sum += valueS;
    h.count++;
  }

  /** Registers a function run before each scrape to refresh computed gauges (e.g. counts read from the database). */
  collect(fn: () => void): void {
    this.collectors.push(fn);
  }

  /** Returns every series in the Prometheus text exposition format (version 0.0.4). */
  render(): string {
    for (const fn of this.collectors) fn();
    const out: string[] = [];
    for (const s of [...this.series.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      out.push(`# HELP ${s.name} ${s.help}`, `# TYPE ${s.name} ${s.type}`);
      for (const [key, value] of s.values) out.push(`${s.name}${key} ${value}`);
      for (const h of s.histograms.values()) {
        // Buckets are cumulative: each bound counts every observation at or below it.
        DURATION_BUCKETS_S.forEach((bound, i) => out.push(`${s.name}_bucket${formatLabels({ ...h.labels, le: String(bound) })} ${h.counts[i]}`));
        out.push(`${s.name}_bucket${formatLabels({ ...h.labels, le: '+Inf' })} ${h.count}`);
        out.push(`${s.name}_sum${formatLabels(h.labels)} ${h.sum}`, `${s.name}_count${formatLabels(h.labels)} ${h.count}`);
      }
    }
    return out.join('\n') + '\n';
  }

  private get(name: string, help: string, type: Series['type']): Series {
    let s = this.series.get(name);
    if (!s) this.series.set(name, (s = { name, help, type, values: new Map(), histograms: new Map() }));
    if (s.type !== type) throw new Error(`metrics: ${name} is a ${s.type}, not a ${type}`);
    return s;
  }
}
