import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { CliIo } from '../../src/cli/cli-io.js';
import { makeTempDir, readConventionText, TEXT_PATH } from './treaty-fixtures.js';

function makeIo(dbPath: string) {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    stdin: Readable.from([]),
    env: { TREATYWATCH_DB: dbPath, LOG_LEVEL: 'silent' },
  };
  return { io, out };
}

describe('treatywatch treaty import, article and search', () => {
  let dir: string;
  let dbPath: string;

  beforeAll(async () => {
    dir = makeTempDir();
    dbPath = join(dir, 'cli.db');
    const { io, out } = makeIo(dbPath);
    const code = await runCli(['treaty', 'import', TEXT_PATH], io);
    expect(out.stderr).toContain('treaty import: article 68 (68/68)');
    expect(code).toBe(0);
    expect(out.stdout).toMatch(/^Imported the English text: 68 articles \(\d+ provisions\) from .*convention\.txt \[text, sha256 [0-9a-f]{12}\]\n$/);
  });

  it('prints Article 28(4) as JSON with its title and chapter', async () => {
    const { io, out } = makeIo(dbPath);
    expect(await runCli(['article', '28.4', '--json'], io)).toBe(0);
    const lookup = JSON.parse(out.stdout);
    expect(lookup).toMatchObject({ ref: '28.4', title: 'Search and seizure of stored electronic data', chapter: 'IV' });
    expect(lookup.officialText[0].text).toContain('knowledge about the functioning of the system');
  });

  it('resolves zero:17 to final Article 4', async () => {
    const { io, out } = makeIo(dbPath);
    expect(await runCli(['article', 'zero:17', '--json'], io)).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ article: 4, asked: { version: 'zero', ref: '17' }, zeroDraft: { article: 17 } });
  });

  it('prints a readable lookup without --json', async () => {
    const { io, out } = makeIo(dbPath);
    expect(await runCli(['article', 'Article', '28,', 'paragraph', '4'], io)).toBe(0);
    expect(out.stdout).toContain('Article 28(4): Search and seizure of stored electronic data');
    expect(out.stdout).toContain('Chapter: IV. Procedural measures and law enforcement');
  });

  it('fails politely for Article 99: exit 1, the nearest article, no stack trace', async () => {
    const { io, out } = makeIo(dbPath);
    expect(await runCli(['article', '99'], io)).toBe(1);
    expect(out.stderr).toContain('Nearest: Article 68');
    expect(out.stderr).toContain('Usage: treatywatch article <ref>');
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it('searches from the command line as JSON', async () => {
    const { io, out } = makeIo(dbPath);
    expect(await runCli(['search', 'knowledge', 'functioning', '--json'], io)).toBe(0);
    expect(JSON.parse(out.stdout).provisions[0]).toMatchObject({ ref: '28.4' });
  });

  it('refuses a corrupted document with exit 1 and the report, keeping the stored text', async () => {
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, readConventionText().replace('Search and seizure of stored electronic data', 'Search of data'));
    const { io, out } = makeIo(dbPath);
    expect(await runCli(['treaty', 'import', bad], io)).toBe(1);
    expect(out.stderr).toContain('Article 28: title is "Search of data", expected "Search and seizure of stored electronic data"');
    expect(out.stderr).toContain('nothing was changed');
    const after = makeIo(dbPath);
    expect(await runCli(['article', '28.4', '--json'], after.io)).toBe(0);
    expect(JSON.parse(after.out.stdout).officialText).toHaveLength(1);
  });

  it('shows the usage for an unknown treaty subcommand', async () => {
    const { io, out } = makeIo(dbPath);
    expect(await runCli(['treaty', 'export'], io)).toBe(2);
    expect(out.stderr).toContain('Usage: treatywatch treaty import [<file|url>]');
  });
});
