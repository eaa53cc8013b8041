import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tw-cli-cmds-'));
  writeFileSync(join(dir, 'sources.json'), JSON.stringify([{ id: 'untc', name: 'UNTC', publisher: 'UN', kind: 'treaty-status', url: 'https://treaties.un.org/x' }]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    stdout: (t) => (out += t), stderr: (t) => (err += t), stdin: new PassThrough(),
    env: { TREATYWATCH_DB: join(dir, 'tw.db'), TREATYWATCH_SOURCES: join(dir, 'sources.json'), LOG_LEVEL: 'silent' },
  });
  return { code, out, err };
}

describe('the command line offers the chat commands', () => {
  it.each([
    [['session'], /session/i],
    [['concern'], /surveillance/],
    [['concern', 'surveillance'], /surveillance/i],
    [['digest', 'today'], /Nothing new since|Digest for today/],
    [['digest', 'since', '2y'], /Nothing new since|Digest for the last 2 years/],
    [['digest', 'all'], /Nothing new since 1970-01-01|Digest for all time/],
    [['digest', '--since', '3d'], /Nothing new since|Digest for the last 3 days/],
    [['help', 'digest'], /^Usage: treatywatch digest \[today\|week\|all/],
    [['poll', '--help'], /^Usage: treatywatch poll --once \[--json\]/],
  ])('answers %j', async (argv, pattern) => {
    const { code, out } = await cli(...argv);
    expect(code).toBe(0);
    expect(out).toMatch(pattern);
  });

  it('answers status like chat, saying the record was never read', async () => {
    const { code, out } = await cli('status');
    expect(code).toBe(0);
    expect(out).toMatch(/UNTC: never polled; next attempt at/);
  });

  it.each([
    [['artcle', '28.4'], /unknown command "artcle"\. Did you mean "article 28\.4"\?/, 2],
    [['help', 'foo'], /unknown command "foo"\. "treatywatch help" lists them/, 2],
    [['poll', '--once', '--jsn'], /unknown flag "--jsn"\. Did you mean "--json"\? \(its flags: --once, --json\)/, 2],
    [['sources', '--bogus'], /unknown flag "--bogus"\. \(its flags: --json\)/, 2],
    [['digest', '--since'], /--since needs a value/, 2],
    [['digest', 'since', '5x'], /not a period I know\. .*mo months, y years; 1 to 9999/, 2],
    [['status', '--json'], /unknown flag "--json"\. \(it takes no flags\)/, 2],
    [['concern', 'privacy'], /not a concern id/, 1],
  ])('refuses %j with a clear error', async (argv, pattern, exitCode) => {
    const { code, err } = await cli(...argv);
    expect(code).toBe(exitCode);
    expect(err).toMatch(pattern);
  });
});
