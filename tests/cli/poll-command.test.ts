import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { CliIo } from '../../src/cli/cli-io.js';
import { conditionalRoute, rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

let server: FixtureServer;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tw-cli-poll-'));
  server = await startFixtureServer({
    '/a.xml': conditionalRoute(() => rssFeed([['a1', 'UN Convention against Cybercrime signed in Hanoi', 'x'], ['a2', 'Other', 'y']])),
    '/b.xml': conditionalRoute(() => rssFeed([['b1', 'Ratification of the UN cybercrime convention', 'z']])),
    '/down.xml': (_req, res) => res.writeHead(404).end(),
  });
  writeFileSync(join(dir, 'sources.json'), JSON.stringify(['a', 'b', 'down'].map((id) => ({ id, name: id, publisher: id, kind: 'feed', url: server.url(`/${id}.xml`) }))));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

type Row = { source: string; status: string; new: number; seen: number; error: string | null };

async function poll(sources = 'sources.json', db = 'tw.db', json = true): Promise<{ code: number; reports: Row[]; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (t) => (out += t), stderr: (t) => (err += t), stdin: new PassThrough(),
    env: { TREATYWATCH_DB: join(dir, db), TREATYWATCH_SOURCES: join(dir, sources), LOG_LEVEL: 'silent' },
  };
  const code = await runCli(['poll', '--once', ...(json ? ['--json'] : [])], io);
  return { code, reports: json ? JSON.parse(out) : [], out, err };
}

describe('treatywatch poll --once', () => {
  it('stores items on the first run; the second run sends conditional requests and inserts nothing', async () => {
    const first = await poll();
    expect(first.code).toBe(0); // one source is down; the others were read
    expect(first.err).toContain('1 of 3 sources failed');
    expect(first.reports.map((r) => [r.source, r.status, r.new])).toEqual([['a', 'first-poll', 2], ['b', 'first-poll', 1], ['down', 'error', 0]]);
    expect(first.reports[2]!.error).toMatch(/404/);

    const before = server.requests.length;
    const second = await poll();
    // The failing source is inside its backoff: not fetched again, but its row says so.
    expect(second.reports.find((r) => r.source === 'down')).toMatchObject({ status: 'backing-off', error: expect.stringMatching(/404/) });
    expect(second.reports.filter((r) => r.source !== 'down').map((r) => [r.source, r.status, r.new])).toEqual([['a', 'not-modified', 0], ['b', 'not-modified', 0]]);
    const conditional = server.requests.slice(before).filter((r) => r.path !== '/down.xml');
    expect(conditional).toHaveLength(2);
    for (const r of conditional) expect(r.headers['if-none-match']).toBeTruthy();
  });

  it('prints a row for every source and exits 1 when every source failed, on the first run and while backing off', async () => {
    writeFileSync(join(dir, 'down-only.json'), JSON.stringify(['down', 'gone'].map((id) => ({ id, name: id, publisher: id, kind: 'feed', url: server.url(`/${id}.xml`) }))));
    for (let run = 0; run < 2; run++) {
      const result = await poll('down-only.json', 'down.db', false);
      expect(result.code).toBe(1);
      expect(result.out.split('\n').filter((l) => /^(down|gone) /.test(l))).toHaveLength(2);
      expect(result.out).toMatch(run === 0 ? /down\s+error/ : /down\s+backing-off/);
      expect(result.err).toContain('Every source failed (2)');
    }
  });

  it('prints its usage without --once', async () => {
    let err = '';
    const code = await runCli(['poll'], { stdout: () => {}, stderr: (t) => (err += t), stdin: new PassThrough(), env: {} });
    expect(code).toBe(2);
    expect(err).toContain('Usage: treatywatch poll --once [--json]');
  });
});
