/**
 * `npm run bench`: one run that measures each figure next to a baseline taken in the same run, and
 * prints the performance budgets beside them. Data is generated from a fixed seed.
 * `--json` prints the same as JSON. Everything talks only to 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureColdStart } from './measure-cold-start.js';
import { measureEnrich } from './measure-enrich.js';
import { measureIngest } from './measure-ingest.js';
import { measureLookup } from './measure-lookup.js';
import { measurePollCycle } from './measure-poll.js';
import { measureStall } from './measure-stall.js';
import { measureWeb } from './measure-web.js';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: { name: string; value: number } | null;
  budget: string | null;
  met: boolean | null;
}

const SEED = 20241224;

/** Each stage runs in a child process of its own, so its peak memory is its own. */
const STAGES: Record<string, (dir: string) => Promise<Figure[]>> = {
  ingest: (dir) => measureIngest(dir, SEED),
  lookup: async (dir) => measureLookup(dir, SEED),
  poll: (dir) => measurePollCycle(dir),
  stall: () => measureStall(SEED),
  'cold-start': (dir) => measureColdStart(dir),
  web: async (dir) => measureWeb(dir, SEED),
  enrich: (dir) => measureEnrich(dir, SEED),
};

async function main(): Promise<void> {
  const stageAt = process.argv.indexOf('--stage');
  if (stageAt >= 0) return runStage(process.argv[stageAt + 1] ?? '');
  const json = process.argv.includes('--json');
  const figures: Figure[] = [];
  const bareRssMb = (await runChild(['-e', 'process.stdout.write(JSON.stringify({ figures: [], peakRssMb: process.resourceUsage().maxRSS / 1024 }))'])).peakRssMb;
  for (const stage of Object.keys(STAGES)) {
    if (!json) process.stderr.write(`bench: ${stage}…\n`);
    const result = await runChild([fileURLToPath(import.meta.url), '--stage', stage]);
    figures.push(...result.figures, {
      name: `peak RSS, ${stage} stage process`, value: round(result.peakRssMb), unit: 'MB',
      baseline: { name: 'bare node process', value: round(bareRssMb) }, budget: '< 150 MB', met: result.peakRssMb < 150,
    });
  }
  process.stdout.write(json ? JSON.stringify({ seed: SEED, node: process.version, figures }, null, 2) + '\n' : formatFigures(figures));
}

async function runStage(name: string): Promise<void> {
  const stage = STAGES[name];
  if (!stage) throw new Error(`bench: unknown stage "${name}"`);
  const dir = mkdtempSync(join(tmpdir(), 'treatywatch-bench-'));
  try {
    const figures = await stage(dir);
    process.stdout.write(JSON.stringify({ figures, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runChild(args: string[]): Promise<{ figures: Figure[]; peakRssMb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`bench: ${args.join(' ')} exited with ${code}`));
      try {
        resolve(JSON.parse(out) as { figures: Figure[]; peakRssMb: number });
      } catch (cause) {
        reject(new Error('bench: a stage printed no result', { cause }));
      }
    });
  });
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
