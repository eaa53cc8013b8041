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

async function poll(): Promise<{ code: number; reports: { source: string; status: string; new: number; seen: number; error: string | null }[] }> {
  let out = '';
  const io: CliIo = {
    stdout: (t) => (out += t), stderr: () => {}, stdin: new PassThrough(),
    env: { TREATYWATCH_DB: join(dir, 'tw.db'), TREATYWATCH_SOURCES: join(dir, 'sources.json'), LOG_LEVEL: 'silent' },
  };
  const code = await runCli(['poll', '--once', '--json'], io);
  return { code, reports: JSON.parse(out) };
}

describe('treatywatch poll --once', () => {
  it('stores items on the first run; the second run sends conditional requests and inserts nothing', async () => {
    const first = await poll();
    expect(first.code).toBe(1); // one source is down
    expect(first.reports.map((r) => [r.source, r.status, r.new])).toEqual([['a', 'first-poll', 2], ['b', 'first-poll', 1], ['down', 'error', 0]]);
    expect(first.reports[2]!.error).toMatch(/404/);

    const before = server.requests.length;
    const second = await poll();
    expect(second.reports.filter((r) => r.source !== 'down').map((r) => [r.source, r.status, r.new])).toEqual([['a', 'not-modified', 0], ['b', 'not-modified', 0]]);
    const conditional = server.requests.slice(before).filter((r) => r.path !== '/down.xml');
    expect(conditional).toHaveLength(2);
    for (const r of conditional) expect(r.headers['if-none-match']).toBeTruthy();
  });

  it('prints its usage without --once', async () => {
    let err = '';
    const code = await runCli(['poll'], { stdout: () => {}, stderr: (t) => (err += t), stdin: new PassThrough(), env: {} });
    expect(code).toBe(2);
    expect(err).toContain('Usage: treatywatch poll --once [--json]');
  });
});
