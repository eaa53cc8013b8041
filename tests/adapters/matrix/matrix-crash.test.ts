import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeHomeserver, type FakeHomeserver } from './fake-homeserver.js';
import { waitUntil } from './matrix-test-kit.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const ROOM = '!alerts:fake.test';
const KEY = 'delivery-crash-1';
let outDir = '';
let fake: FakeHomeserver;

// The adapter runs in a real separate process, compiled with tsc, so SIGKILL can land between the
// homeserver storing the event and the process learning about it.
beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'tw-matrix-crash-'));
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  spawnSync(process.execPath, [
    tsc, '--outDir', outDir, '--rootDir', ROOT, '--module', 'NodeNext', '--moduleResolution', 'NodeNext',
    '--target', 'ES2022', '--skipLibCheck', '--types', 'node', '--esModuleInterop',
    join(ROOT, 'tests/adapters/matrix/post-once-child.ts'),
  ], { cwd: ROOT, encoding: 'utf8' });
  // Compiled output outside the tree still resolves the project's dependencies.
  symlinkSync(join(ROOT, 'node_modules'), join(outDir, 'node_modules'), 'dir');
}, 60_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

beforeEach(async () => {
  fake = await startFakeHomeserver();
  fake.createRoom(ROOM, { creator: '@alice:fake.test', botJoined: true });
});

afterEach(async () => {
  await fake.close();
});

function runChild(mode: 'first' | 'resend'): { child: ChildProcess; output: Promise<{ code: number | null; signal: string | null; stdout: string }> } {
  const script = join(outDir, 'tests/adapters/matrix/post-once-child.js');
  expect(existsSync(script)).toBe(true);
  const child = spawn(process.execPath, [script, ROOM, KEY, mode], {
    env: { PATH: process.env['PATH'] ?? '', MATRIX_HOMESERVER_URL: fake.url, MATRIX_ACCESS_TOKEN: fake.accessToken, MATRIX_USER_ID: fake.userId, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  const output = new Promise<{ code: number | null; signal: string | null; stdout: string }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal, stdout })),
  );
  return { child, output };
}

describe('Matrix adapter across a crash', () => {
  it('posts once when killed after the homeserver stored the event and then resent with the same key', async () => {
    fake.holdSendResponses = true;
    const first = runChild('first');
    fake.onSendStored = () => first.child.kill('SIGKILL');
    const killed = await first.output;
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stdout).toBe('');
    expect(fake.eventsSentByBot(ROOM)).toHaveLength(1);

    fake.holdSendResponses = false;
    fake.onSendStored = null;
    const second = await runChild('resend').output;
    expect(second.code).toBe(0);
    const receipt = JSON.parse(second.stdout) as { platformId: string };
    const stored = fake.eventsSentByBot(ROOM);
    expect(stored).toHaveLength(1);
    expect(receipt.platformId).toBe(stored[0]!.event_id);
    expect(fake.sendTxnIds).toHaveLength(2);
    expect(new Set(fake.sendTxnIds).size).toBe(1);
  });
});
