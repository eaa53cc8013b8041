import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { projectPath } from '../src/project-path.js';
import type { Sampled } from './samples.js';

const RUNS = 3;
const COLD_RUNS = 5;
const POLL_TIMEOUT_MS = 240_000;
const SOURCES = 200;
const cli = projectPath('dist', 'src', 'cli.js');

/**
 * The bot's own `start` process: time to `/readyz` 200 and peak RSS (VmHWM) over its first poll of
 * 200 local feeds plus one 5 MiB feed, with the console adapter and with Slack (against a stand-in
 * Web API); and the cold start of the CLI `article 28.4`. Each next to a bare `node` start.
 */
export async function measureStart(dir: string, seed: number): Promise<Sampled[]> {
  const server = await startBenchServer(seed);
  try {
    const sourcesFile = join(dir, 'sources.json');
    writeFileSync(sourcesFile, JSON.stringify([
      ...Array.from({ length: SOURCES }, (_, i) => ({ id: `feed-${i}`, name: `Feed ${i}`, publisher: 'bench', kind: 'feed', url: `http://127.0.0.1:${server.port}/feed/${i}.xml` })),
      { id: 'large', name: 'Large feed', publisher: 'bench', kind: 'feed', url: `http://127.0.0.1:${server.port}/large.xml` },
    ]));
    const ready: number[] = [];
    const rss: number[] = [];
    const rssSlack: number[] = [];
    const bare: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      bare.push(await timeProcess(['-e', '0']));
      const consoleRun = await runStart(join(dir, `start-${run}.db`), sourcesFile, {});
      ready.push(consoleRun.readyMs);
      rss.push(consoleRun.peakRssMb);
      const slackRun = await runStart(join(dir, `slack-${run}.db`), sourcesFile, {
        SLACK_BOT_TOKEN: 'xoxb-bench-not-a-token', SLACK_SIGNING_SECRET: 'bench-signing-secret', SLACK_PORT: String(await freePort()),
        SLACK_API_URL: `http://127.0.0.1:${server.port}/api/`,
      });
      rssSlack.push(slackRun.peakRssMb);
    }
    const dbPath = join(dir, 'cold.db');
    await timeProcess([cli, 'article', '28.4'], { TREATYWATCH_DB: dbPath }); // creates and migrates the file
    const cold: number[] = [];
    const coldBare: number[] = [];
    for (let run = 0; run < COLD_RUNS; run++) {
      coldBare.push(await timeProcess(['-e', '0']));
      cold.push(await timeProcess([cli, 'article', '28.4'], { TREATYWATCH_DB: dbPath }));
    }
    const bareRss = [await bareRssMb()];
    return [
      { key: 'ready_ms', name: 'start to /readyz 200 (console, 201 sources)', unit: 'ms', samples: ready, baseline: { name: 'bare node start and exit', samples: bare } },
      { key: 'rss_start_mb', name: 'peak RSS of start, console, 200 feeds + one 5 MiB feed', unit: 'MB', samples: rss, baseline: { name: 'bare node process', samples: bareRss } },
      { key: 'rss_start_slack_mb', name: 'peak RSS of start, Slack, same feeds', unit: 'MB', samples: rssSlack, baseline: { name: 'bare node process', samples: bareRss } },
      { key: 'coldstart_ms', name: 'CLI `article 28.4` cold start', unit: 'ms', samples: cold, baseline: { name: 'bare node start and exit', samples: coldBare } },
    ];
  } finally {
    server.child.stdin?.end();
  }
}

/** Starts the bot, times /readyz, waits for its first poll of every source, then reads its peak RSS and stops it. */
async function runStart(dbPath: string, sourcesFile: string, extraEnv: Record<string, string>): Promise<{ readyMs: number; peakRssMb: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'start'], {
    env: { ...process.env, ...extraEnv, TREATYWATCH_DB: dbPath, TREATYWATCH_SOURCES: sourcesFile, TREATYWATCH_HTTP_PORT: String(port), LOG_LEVEL: 'info' },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let polled = 0;
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
    polled += chunk.toString().split('"source polled"').length - 1 + chunk.toString().split('"source failed"').length - 1;
  });
  try {
    let readyMs = Number.NaN;
    while (performance.now() - started < 30_000 && child.exitCode === null) {
      if ((await status(port)) === 200) {
        readyMs = performance.now() - started;
        break;
      }
      await delay(5);
    }
    if (!Number.isFinite(readyMs)) throw new Error(`bench: start never became ready\n${log}`);
    while (polled < SOURCES + 1 && performance.now() - started < POLL_TIMEOUT_MS && child.exitCode === null) await delay(50);
    if (polled < SOURCES + 1) throw new Error(`bench: start polled ${polled} of ${SOURCES + 1} sources\n${log}`);
    return { readyMs, peakRssMb: peakRss(child) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
  }
}

function peakRss(child: ChildProcess): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
  if (!m) throw new Error('bench: no VmHWM for the start process');
  return Number(m[1]) / 1024;
}

export async function startBenchServer(seed: number): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [projectPath('dist', 'bench', 'bench-server.js'), String(seed)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once('exit', (code) => reject(new Error(`bench: feed server exited with ${code}`)));
  });
  return { child, port };
}

function bareRssMb(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', 'process.stdout.write(String(process.resourceUsage().maxRSS / 1024))'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', () => resolve(Number(out)));
  });
}

function timeProcess(args: string[], env: Record<string, string> = {}): Promise<number> {
  const t = performance.now();
  return new Promise((resolve, reject) => spawn(process.execPath, args, { stdio: 'ignore', env: { ...process.env, ...env } })
    .on('exit', (code) => (code === 0 ? resolve(performance.now() - t) : reject(new Error(`bench: ${args.join(' ')} exited with ${code}`)))));
}

function status(port: number): Promise<number> {
  return new Promise((resolve) => {
    get({ host: '127.0.0.1', port, path: '/readyz' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', () => resolve(0));
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = (server.address() as AddressInfo);
      server.close(() => resolve(port));
    });
  });
}
