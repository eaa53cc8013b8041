/**
 * `npm run bench`: one run that measures each figure next to a baseline taken in the same run, and
 * prints the DESIGN section 11 budgets beside them. Data is generated from a fixed seed.
 * `--json` prints the same as JSON. Everything talks only to 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureColdStart } from './measure-cold-start.js';
import { measureIngest } from './measure-ingest.js';
import { measureLookup } from './measure-lookup.js';
import { measurePollCycle } from './measure-poll.js';
import { measureStall } from './measure-stall.js';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: { name: string; value: number } | null;
  budget: string | null;
  met: boolean | null;
}

const SEED = 20241224;

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const dir = mkdtempSync(join(tmpdir(), 'treatywatch-bench-'));
  const startRssMb = process.memoryUsage().rss / 1048576;
  const figures: Figure[] = [];
  const step = (name: string) => { if (!json) process.stderr.write(`bench: ${name}…\n`); };
  try {
    step('ingest');
    figures.push(...(await measureIngest(dir, SEED)));
    step('lookup and search with 100k items');
    figures.push(...measureLookup(dir, SEED));
    step('poll cycle of 200 sources answering 304');
    figures.push(...(await measurePollCycle(dir)));
    step('event-loop stall while the largest feed parses');
    figures.push(...(await measureStall(SEED)));
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    figures.push({
      name: 'peak RSS (this bench process)', value: round(peakRssMb), unit: 'MB',
      baseline: { name: 'RSS at bench start', value: round(startRssMb) }, budget: '< 150 MB', met: peakRssMb < 150,
    });
    step('cold start to ready');
    figures.push(...(await measureColdStart(dir)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(json ? JSON.stringify({ seed: SEED, node: process.version, figures }, null, 2) + '\n' : formatFigures(figures));
}

/** Returns the figures as an aligned table. */
function formatFigures(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.name, `${f.value} ${f.unit}`, f.baseline ? `${f.baseline.value} ${f.unit} (${f.baseline.name})` : '-',
    f.budget ?? '-', f.met === null ? '' : f.met ? 'met' : 'NOT MET',
  ]);
  const all = [['figure', 'value', 'baseline (same run)', 'budget', ''], ...rows];
  const widths = all[0]!.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  return all.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}

/** Rounds to 2 decimals (3 significant digits for small values). */
export function round(n: number): number {
  return n >= 100 ? Math.round(n) : n >= 1 ? Math.round(n * 100) / 100 : Number(n.toPrecision(3));
}

/** Returns the p-th percentile (0..100) of the samples. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

main().catch((err) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
