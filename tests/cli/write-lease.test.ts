import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { CliIo } from '../../src/cli/cli-io.js';
import { startBot } from '../../src/main.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { acquireLease, readLeaseHolder, type Lease } from '../../src/store/lease-store.js';

let dir: string;
let env: Record<string, string>;
let db: Db;
let lease: Lease;

// The holder is this very process, so the kernel says it lives, as a running bot would.
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tw-lease-cli-'));
  writeFileSync(join(dir, 'sources.json'), '[]');
  env = { TREATYWATCH_DB: join(dir, 'tw.db'), TREATYWATCH_SOURCES: join(dir, 'sources.json'), LOG_LEVEL: 'silent' };
  db = openDatabase(env.TREATYWATCH_DB!);
  lease = acquireLease(db, 'start');
});
afterAll(() => {
  lease.release();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), stdin: Readable.from([]), env };
  const code = await runCli(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('CLI commands while a bot holds the database', () => {
  it.each([['poll', '--once'], ['reclassify'], ['treaty', 'import', 'convention.txt']])('%s refuses with exit 1, naming the holder', async (...argv) => {
    const { code, stderr } = await run(argv);
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`in use by treatywatch start \\(pid ${process.pid} on host .+, since .+\\); \`${argv.slice(0, 2).join(' ').replace(' convention.txt', '')}`));
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(readLeaseHolder(db)?.holder).toBe('start');
  });

  it.each([['sources'], ['digest', '--since', '3d'], ['search', 'traffic']])('%s still answers (it only reads)', async (...argv) => {
    expect((await run(argv)).code).toBe(0);
  });

  it('a second bot refuses to start, naming the first', async () => {
    await expect(startBot({ env, input: new PassThrough(), write: () => {}, logWrite: () => {} }))
      .rejects.toThrow(`store: the database is in use by treatywatch start (pid ${process.pid}`);
  });
});
