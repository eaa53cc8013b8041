import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { CliIo } from '../../src/cli/cli-io.js';
import { assignDedupeKeys } from '../../src/parse/dedupe-key.js';
import { tagAndRoute } from '../../src/poll/tag-and-route.js';
import { openDatabase } from '../../src/store/db.js';
import { getFullText } from '../../src/store/fulltext-store.js';
import { insertNewItems } from '../../src/store/items-store.js';
import { acquireLease } from '../../src/store/lease-store.js';
import { insertSource } from '../../src/store/sources-store.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { ANALYSIS_PARAGRAPHS, renderArticlePage } from '../enrich/article-pages.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

let dir: string;
let server: FixtureServer;
let env: Record<string, string>;
const DAY = 86_400_000;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tw-enrich-cli-'));
  writeFileSync(join(dir, 'sources.json'), '[]');
  env = { TREATYWATCH_DB: join(dir, 'tw.db'), TREATYWATCH_SOURCES: join(dir, 'sources.json'), LOG_LEVEL: 'silent', TREATYWATCH_FULL_TEXT_HOST_INTERVAL_MS: '0' };
  const page = renderArticlePage({ site: 'NGO', title: 'Analysis', paragraphs: ANALYSIS_PARAGRAPHS });
  server = await startFixtureServer({
    '/recent': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page),
    '/old': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page),
  });
  // Stored before full text existed: two relevant items, one from last week and one from last year, never queued.
  const db = openDatabase(env.TREATYWATCH_DB!);
  insertSource(db, { id: 'ngo', name: 'NGO', publisher: 'NGO', kind: 'feed', url: server.url('/feed.xml') }, 'operator', 0);
  const parsed = [['/recent', Date.now() - 7 * DAY], ['/old', Date.now() - 400 * DAY]].map(([path, at]) => ({
    guid: String(path), url: server.url(String(path)), title: `Item ${path}`, summary: 'On the UN Convention against Cybercrime.', text: '', author: null, publishedAtMs: Number(at), kind: 'post' as const,
  }));
  const items = insertNewItems(db, 'ngo', assignDedupeKeys(parsed), { deliverable: true, fetchedAtMs: Date.now() });
  tagAndRoute(db, KNOWLEDGE, items, Date.now(), false);
  db.close();
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[], terminal = false): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), stdin: Readable.from([]), env };
  if (terminal) io.progress = (line) => void out.push(`\r${line}`);
  const code = await runCli(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('treatywatch enrich', () => {
  it('rejects a bad period with the usage line', async () => {
    const { code, stderr } = await run(['enrich', '--since', 'soon']);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: treatywatch enrich [--since 30d]');
  });

  it('refuses while a bot holds the database', async () => {
    const db = openDatabase(env.TREATYWATCH_DB!);
    const lease = acquireLease(db, 'start');
    try {
      const { code, stderr } = await run(['enrich']);
      expect(code).toBe(1);
      expect(stderr).toMatch(/in use by treatywatch start .*`enrich` writes to the database/);
    } finally {
      lease.release();
      db.close();
    }
  });

  it('backfills the period only, one plain line per page, then a bar on a terminal', async () => {
    const first = await run(['enrich', '--since', '30d']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^1\/1 item \d+ done: \d+ characters\nenriched 1 pages, 0 left with their summary, 0 to retry later \(1 queued from the last 30d\)\n$/);
    const db = openDatabase(env.TREATYWATCH_DB!);
    const ids = db.prepare('SELECT id, guid FROM items ORDER BY id').all() as { id: number; guid: string }[];
    expect(getFullText(db, ids[0]!.id)?.status).toBe('done');
    expect(getFullText(db, ids[1]!.id)).toBeUndefined();
    db.close();

    const second = await run(['enrich', '--since', '3650d'], true);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('\r[..............................] 0/1 pages, 0 failed\r[##############################] 1/1 pages, 0 failed\n');
    expect(second.stdout).toContain('(1 queued from the last 3650d)');
  });
});
