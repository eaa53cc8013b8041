/**
 * `npm run bench`: every figure the median of at least three samples with their range, next to a
 * warmed-up baseline taken in the same run, beside the budgets it must meet. Each stage runs in a
 * process of its own. Data comes from a fixed seed through the real pipeline; everything talks only
 * to 127.0.0.1. `--json` prints the figures under stable keys; `--quick` leaves out the 1M-item stage;
 * `--stage <name>` runs one stage.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureDigest } from './measure-digest.js';
import { measureEnrich } from './measure-enrich.js';
import { measureEnrichStall } from './measure-enrich-stall.js';
import { measureIngest } from './measure-ingest.js';
import { measurePollCycle } from './measure-poll.js';
import { measureReads } from './measure-reads.js';
import { measureStall } from './measure-stall.js';
import { measureStart } from './measure-start.js';
import { measureWeb } from './measure-web.js';
import { BUDGETS, describeSamples, JSON_KEYS, median, meets, round as roundValue, type Sampled } from './samples.js';

export { percentile, round } from './samples.js';

/** A single-sample figure, as the tracker (web) stage reports it. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: { name: string; value: number } | null;
  budget: string | null;
  met: boolean | null;
}

const SEED = 20241224;

/** Each stage runs in a child process of its own, so one stage's memory and warm caches never help another. */
const STAGES: Record<string, (dir: string) => Promise<(Sampled | Figure)[]>> = {
  ingest: (dir) => measureIngest(dir, SEED),
  'reads-100k': () => measureReads(SEED, 100_000),
  'reads-1m': () => measureReads(SEED, 1_000_000),
  poll: (dir) => measurePollCycle(dir),
  stall: (dir) => measureStall(dir, SEED),
  digest: async (dir) => measureDigest(dir, SEED),
  start: (dir) => measureStart(dir, SEED),
  web: async (dir) => measureWeb(dir, SEED),
  enrich: (dir) => measureEnrich(dir, SEED),
  'enrich-stall': () => measureEnrichStall(SEED),
};

async function main(): Promise<void> {
  const stageAt = process.argv.indexOf('--stage');
  if (stageAt >= 0 && process.argv.includes('--child')) return runStage(process.argv[stageAt + 1] ?? '');
  const json = process.argv.includes('--json');
  const quick = process.argv.includes('--quick');
  const only = stageAt >= 0 ? [process.argv[stageAt + 1] ?? ''] : null;
  const names = (only ?? Object.keys(STAGES)).filter((name) => {
    if (!STAGES[name]) throw new Error(`bench: unknown stage "${name}" (stages: ${Object.keys(STAGES).join(', ')})`);
    if (name === 'reads-1m' && quick) return false;
    return !name.startsWith('enrich') || existsSync(fileURLToPath(new URL('./measure-enrich.js', import.meta.url)));
  });
  const figures: Sampled[] = [];
  for (const stage of names) {
    const t = performance.now();
    process.stderr.write(`bench: ${stage}…\n`);
    const result = await runChild([fileURLToPath(import.meta.url), '--child', '--stage', stage]);
    figures.push(...result.map(toSampled));
    process.stderr.write(`bench: ${stage} took ${Math.round((performance.now() - t) / 1000)} s\n`);
  }
  process.stdout.write(json ? formatJson(figures, quick) : formatTable(figures));
}

async function runStage(name: string): Promise<void> {
  const stage = STAGES[name];
  if (!stage) throw new Error(`bench: unknown stage "${name}"`);
  const dir = mkdtempSync(join(tmpdir(), 'treatywatch-bench-'));
  try {
    process.stdout.write(JSON.stringify(await stage(dir)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runChild(args: string[]): Promise<(Sampled | Figure)[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`bench: ${args.join(' ')} exited with ${code}`));
      try {
        resolve(JSON.parse(out) as (Sampled | Figure)[]);
      } catch (cause) {
        reject(new Error('bench: a stage printed no result', { cause }));
      }
    });
  });
}

function toSampled(f: Sampled | Figure): Sampled {
  if ('samples' in f) return f;
  return { key: null, name: f.budget ? `${f.name} (own budget: ${f.budget})` : f.name, unit: f.unit, samples: [f.value], baseline: f.baseline ? { name: f.baseline.name, samples: [f.baseline.value] } : null };
}

function budgetText(key: string | null): string {
  const b = key === null ? undefined : BUDGETS[key];
  return b ? `${b.op} ${b.limit} ${b.unit}` : '-';
}

/** Returns the figures as an aligned table: median [range] (n), baseline, budget, verdict. */
function formatTable(figures: readonly Sampled[]): string {
  const rows = figures.map((f) => {
    const met = meets(f.key, median(f.samples));
    return [f.key ?? '', f.name, describeSamples(f.samples, f.unit), f.baseline ? `${describeSamples(f.baseline.samples, f.unit)} (${f.baseline.name})` : '-', budgetText(f.key), met === null ? '' : met ? 'met' : 'NOT MET'];
  });
  const all = [['key', 'figure', 'median [range] (samples)', 'baseline, same run', 'budget', ''], ...rows];
  const widths = all[0]!.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  return all.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}

/** Returns the figures as JSON: every key of JSON_KEYS (null when not measured), then every figure. */
function formatJson(figures: readonly Sampled[], quick: boolean): string {
  const byKey = Object.fromEntries(JSON_KEYS.map((key) => {
    const f = figures.find((x) => x.key === key);
    if (!f) return [key, null];
    const value = median(f.samples);
    return [key, {
      median: roundValue(value), min: roundValue(Math.min(...f.samples)), max: roundValue(Math.max(...f.samples)), samples: f.samples.map(roundValue), unit: f.unit,
      baseline: f.baseline ? { name: f.baseline.name, median: roundValue(median(f.baseline.samples)) } : null,
      budget: BUDGETS[key] ?? null, met: meets(key, value),
    }];
  }));
  const others = figures.filter((f) => f.key === null).map((f) => ({ name: f.name, unit: f.unit, median: roundValue(median(f.samples)), samples: f.samples.map(roundValue) }));
  return JSON.stringify({ seed: SEED, node: process.version, quick, ...byKey, other: others }, null, 2) + '\n';
}

main().catch((err) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
