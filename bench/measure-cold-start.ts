import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { projectPath } from '../src/project-path.js';
import { round, type Figure } from './run.js';

const READY_TIMEOUT_MS = 30_000;

/** Time from spawning `treatywatch start` (console adapter, no sources) to `/readyz` answering 200, next to a bare `node` start. */
export async function measureColdStart(dir: string): Promise<Figure[]> {
  const baselineMs = await timeProcess(['-e', '0']);
  const sourcesFile = join(dir, 'no-sources.json');
  writeFileSync(sourcesFile, '[]');
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [projectPath('dist', 'src', 'cli.js'), 'start'], {
    env: { ...process.env, TREATYWATCH_DB: join(dir, 'cold.db'), TREATYWATCH_SOURCES: sourcesFile, TREATYWATCH_HTTP_PORT: String(port), LOG_LEVEL: 'error' },
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  let readyMs = Number.NaN;
  try {
    while (performance.now() - started < READY_TIMEOUT_MS && child.exitCode === null) {
      if ((await status(port)) === 200) {
        readyMs = performance.now() - started;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    child.kill('SIGTERM');
  }
  return [{
    name: 'cold start to ready (/readyz 200)', value: round(readyMs), unit: 'ms',
    baseline: { name: 'bare node start and exit', value: round(baselineMs) }, budget: null, met: Number.isFinite(readyMs) ? null : false,
  }];
}

function timeProcess(args: string[]): Promise<number> {
  const t = performance.now();
  return new Promise((resolve) => spawn(process.execPath, args, { stdio: 'ignore' }).on('exit', () => resolve(performance.now() - t)));
}

function status(port: number): Promise<number> {
  return new Promise((resolve) => {
    get({ host: '127.0.0.1', port, path: '/readyz' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', () => resolve(0));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
