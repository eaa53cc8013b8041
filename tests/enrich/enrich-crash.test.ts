import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { compileProgram, type CompiledProgram } from '../helpers/build-bot.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { seededRandom } from '../../bench/generate.js';
import { ANALYSIS_PARAGRAPHS, renderArticlePage, renderRss, type Entry } from './article-pages.js';

const KILL_RUNS = 8;
const CHANNELS = 2;
let server: FixtureServer;
let program: CompiledProgram;
let work: string;
let entries: Entry[] = [];
let pageRequests = 0;

beforeAll(async () => {
  server = await startFixtureServer({
    '/feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(renderRss(server, entries)),
  });
  program = compileProgram('tests/enrich/enrich-crash-child.ts', 'tw-enrich-crash-');
  work = mkdtempSync(join(program.dir, 'work-'));
}, 120_000);
afterAll(async () => {
  await server.close();
  program.remove();
});

// Each page answers after a short wait, so kills land while pages are in flight as well as between steps.
function addEntry(n: number): void {
  const path = `/analysis/${n}`;
  const title = `Analysis ${n}: engineers and the UN cybercrime treaty`;
  server.routes.set(path, (_req, res) => {
    pageRequests++;
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end(renderArticlePage({ site: 'Rights Watchers', title, paragraphs: ANALYSIS_PARAGRAPHS })), 40);
  });
  entries = [...entries, { path, title, teaser: 'Our analysis of the UN Convention against Cybercrime.' }];
}

function runChild(mode: 'run' | 'drain', kill: { afterLines: number; delayMs: number } | null): Promise<void> {
  const child = spawn(process.execPath, [program.entry, join(work, 'db.sqlite'), join(work, 'sources.json'), join(work, 'record.jsonl'), mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    let lines = 0;
    let armed = false;
    const arm = (ms: number) => {
      if (armed) return;
      armed = true;
      setTimeout(() => child.kill('SIGKILL'), ms);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      if (kill === null) return;
      const text = chunk.toString();
      if (text.startsWith('ready')) setTimeout(() => arm(0), 600);
      lines += (text.match(/^[pe]$/gm) ?? []).length;
      if (lines >= kill.afterLines) arm(kill.delayMs);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (signal === 'SIGKILL' && kill !== null) resolve();
      else if (code === 0 && kill === null) resolve();
      else reject(new Error(`child ended with ${code ?? signal}`));
    });
  });
}

describe('enrichment across SIGKILL', () => {
  it(`loses nothing, alerts once and enriches each item once after ${KILL_RUNS} kills`, async () => {
    const seed = Date.now() % 100_000;
    const next = seededRandom(seed);
    writeFileSync(join(work, 'sources.json'), JSON.stringify([{ id: 'ngo', name: 'Rights Watchers', publisher: 'Rights Watchers', kind: 'feed', url: server.url('/feed.xml'), priority: 'high' }]));
    await runChild('drain', null); // first poll: nothing to alert
    let served = 0;
    for (let run = 0; run < KILL_RUNS; run++) {
      for (let i = 0; i < 2; i++) addEntry(++served);
      await runChild('run', { afterLines: Math.floor(next() * 6), delayMs: Math.floor(next() * 60) });
    }
    await runChild('drain', null);

    const db = openDatabase(join(work, 'db.sqlite'));
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const context = `seed ${seed}`;
    expect(count('SELECT COUNT(*) AS n FROM items'), context).toBe(served);
    expect(count(`SELECT COUNT(*) AS n FROM item_full_texts WHERE status = 'done' AND attempts = 1`), context).toBe(served);
    expect(count(`SELECT COUNT(DISTINCT item_id) AS n FROM item_articles WHERE ref = '28.4'`), context).toBe(served);
    expect(count(`SELECT COUNT(*) AS n FROM posts WHERE kind = 'alert'`), context).toBe(served * CHANNELS);
    expect(count(`SELECT COUNT(*) AS n FROM deliveries WHERE kind = 'alert'`), context).toBe(served * CHANNELS);
    expect(count(`SELECT COUNT(*) AS n FROM deliveries WHERE kind = 'digest' AND post_id IS NULL`), context).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM posts WHERE status != 'sent'`), context).toBe(0);
    const sentKeys = new Set((db.prepare(`SELECT platform_id AS k FROM posts WHERE status = 'sent'`).all() as { k: string }[]).map((r) => r.k));
    db.close();
    const lines = readFileSync(join(work, 'record.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { key: string; resend: boolean });
    expect(new Set(lines.map((l) => l.key)), context).toEqual(sentKeys);
    const seen = new Set<string>();
    const repeats = lines.filter((l) => (seen.has(l.key) ? true : (seen.add(l.key), false)));
    expect(repeats.every((l) => l.resend), context).toBe(true);
    console.info(`enrichment crash test: seed ${seed}, ${served} items, ${pageRequests} page requests, ${repeats.length} posts re-sent after a kill`);
  }, 240_000);
});
