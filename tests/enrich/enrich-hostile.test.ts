import type { ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../src/domain.js';
import { createEnrichWorker } from '../../src/enrich/enrich-worker.js';
import { MAX_ENRICH_ATTEMPTS } from '../../src/enrich/enrich-item.js';
import { silentLogger } from '../../src/log.js';
import { assignDedupeKeys } from '../../src/parse/dedupe-key.js';
import { tagAndRoute } from '../../src/poll/tag-and-route.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { getFullText } from '../../src/store/fulltext-store.js';
import { insertNewItems } from '../../src/store/items-store.js';
import { insertSource } from '../../src/store/sources-store.js';
import { startLocalServer, type LocalServer } from '../fetch/local-server.js';
import { ANALYSIS_PARAGRAPHS, renderArticlePage } from './article-pages.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const MIB = 1024 * 1024;
const TIMEOUT_MS = 5_000;
const TEASER = 'Commentary on the UN Convention against Cybercrime.';

function writeZeros(out: Writable, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  const pump = () => {
    while (sent < total && !out.destroyed) {
      sent += chunk.length;
      if (!out.write(chunk)) return void out.once('drain', pump);
    }
    if (!out.destroyed) out.end();
  };
  pump();
}

// A page in windows-1252 with no charset anywhere: curly quotes and accents are single bytes.
const CP1252_QUOTES: Record<string, number> = { '\u2018': 0x91, '\u2019': 0x92, '\u201c': 0x93, '\u201d': 0x94 };
const LATIN_PAGE = Buffer.from(
  [...renderArticlePage({ site: 'Société civile', title: 'Le traité et l’article 28', paragraphs: [...ANALYSIS_PARAGRAPHS.slice(0, 11), '“Article 28(4) of the Convention” worries engineers at the Société des ingénieurs.'] }, { charsetMeta: false })]
    .map((c) => CP1252_QUOTES[c] ?? c.charCodeAt(0)),
);

const routes: Record<string, (res: ServerResponse) => void> = {
  '/huge': (res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    writeZeros(res, 50 * MIB);
  },
  '/stall': (res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.flushHeaders();
  },
  '/gzip-bomb': (res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    const gzip = createGzip();
    gzip.pipe(res);
    res.on('close', () => gzip.destroy());
    writeZeros(gzip, 1024 * MIB);
  },
  '/busy': (res) => res.writeHead(429, { 'retry-after': '600' }).end(),
  '/latin': (res) => res.writeHead(200, { 'content-type': 'text/html' }).end(LATIN_PAGE),
  '/ok': (res) => res.writeHead(200, { 'content-type': 'text/html' }).end(renderArticlePage({ site: 'NGO', title: 'Fine', paragraphs: ANALYSIS_PARAGRAPHS })),
};

let server: LocalServer;
let closedPort: number;
beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/to-loopback') return void res.writeHead(302, { location: `http://127.0.0.2:${server.port}/ok` }).end();
    const route = routes[path];
    if (route) route(res);
    else res.writeHead(404).end();
  });
  const spare = await startLocalServer(() => {});
  closedPort = spare.port;
  await spare.close();
});
afterAll(() => server.close());

const NOW = Date.UTC(2026, 4, 5, 10);

function addItems(db: Db, sourceId: string, urls: readonly string[]): Map<string, number> {
  const parsed = urls.map((url) => ({ guid: url, url, title: `Item ${url}`, summary: TEASER, text: '', author: null, publishedAtMs: NOW, kind: 'post' as const }));
  const items = db.transaction(() => {
    const stored = insertNewItems(db, sourceId, assignDedupeKeys(parsed), { deliverable: true, fetchedAtMs: NOW });
    tagAndRoute(db, KNOWLEDGE, stored, NOW);
    return stored;
  })();
  return new Map(items.map((i) => [i.url!.replace(/^http:\/\/127\.0\.0\.1:\d+/, ''), i.id]));
}

function source(id: string): SourceConfig {
  return { id, name: id, publisher: id, kind: 'feed', url: `${server.origin}/${id}.xml` };
}

describe('enrichment against hostile pages', () => {
  it('fails each hostile page alone with its reason and enriches the others', async () => {
    const db = openDatabase(':memory:');
    insertSource(db, source('trusted'), 'operator', 0);
    insertSource(db, source('chat-added'), 'user', 0);
    const ids = addItems(db, 'trusted', ['/huge', '/stall', '/gzip-bomb', '/latin', '/ok'].map((p) => server.origin + p));
    const userIds = addItems(db, 'chat-added', [`${server.origin}/to-loopback`]);
    // Only this test server's own address is let through the guard, so the redirect's target is judged on its own.
    const worker = createEnrichWorker({ knowledge: KNOWLEDGE,
      db, log: silentLogger, now: () => NOW, hostIntervalMs: 0, concurrency: 6,
      fetchOptions: { timeoutMs: TIMEOUT_MS, allowAddresses: ['127.0.0.1'] },
    });
    expect(await worker.drain()).toBe(6);

    const row = (id: number | undefined) => getFullText(db, id!)!;
    expect(row(ids.get('/huge'))).toMatchObject({ status: 'failed', text: '' });
    expect(row(ids.get('/huge')).error).toMatch(/larger than 5242880 bytes/);
    expect(row(ids.get('/gzip-bomb'))).toMatchObject({ status: 'failed' });
    expect(row(ids.get('/gzip-bomb')).error).toMatch(/decompressed body \(gzip\) is larger than/);
    const stalled = row(ids.get('/stall'));
    expect(stalled).toMatchObject({ status: 'pending', attempts: 1 });
    expect(stalled.error).toMatch(/timed out after 5000 ms/);
    expect(stalled.nextAttemptAtMs).toBeGreaterThan(NOW);
    const loopback = row(userIds.get('/to-loopback'));
    expect(loopback).toMatchObject({ status: 'failed' });
    expect(loopback.error).toMatch(/127\.0\.0\.2 is a loopback address/);

    const latin = row(ids.get('/latin'));
    expect(latin.status).toBe('done');
    expect(latin.text).toContain('“Article 28(4) of the Convention” worries engineers at the Société des ingénieurs.');
    expect((db.prepare('SELECT ref FROM item_articles WHERE item_id = ?').all(ids.get('/latin')) as { ref: string }[]).map((r) => r.ref)).toEqual(['28.4']);
    expect(row(ids.get('/ok')).status).toBe('done');
    db.close();
  });

  it('retries a transient failure with backoff, then leaves the item alone with its summary', async () => {
    const db = openDatabase(':memory:');
    insertSource(db, source('trusted'), 'operator', 0);
    const ids = addItems(db, 'trusted', [`http://127.0.0.1:${closedPort}/gone`]);
    const id = [...ids.values()][0]!;
    let nowMs = NOW;
    const worker = createEnrichWorker({ knowledge: KNOWLEDGE, db, log: silentLogger, now: () => nowMs, hostIntervalMs: 0 });
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ENRICH_ATTEMPTS; attempt++) {
      expect(await worker.drain()).toBe(1);
      expect(await worker.drain()).toBe(0); // not due again yet
      const stored = getFullText(db, id)!;
      expect(stored.attempts).toBe(attempt);
      expect(stored.error).toMatch(/ECONNREFUSED/);
      if (attempt < MAX_ENRICH_ATTEMPTS) {
        expect(stored.status).toBe('pending');
        waits.push(stored.nextAttemptAtMs - nowMs);
        nowMs = stored.nextAttemptAtMs;
      } else {
        expect(stored.status).toBe('failed');
      }
    }
    expect(waits[1]!).toBeGreaterThan(waits[0]!);
    expect(waits[2]!).toBeGreaterThan(waits[1]!);
    expect((db.prepare('SELECT summary FROM items WHERE id = ?').get(id) as { summary: string }).summary).toBe(TEASER);
    db.close();
  });

  it('honours Retry-After on 429', async () => {
    const db = openDatabase(':memory:');
    insertSource(db, source('trusted'), 'operator', 0);
    const id = [...addItems(db, 'trusted', [`${server.origin}/busy`]).values()][0]!;
    const worker = createEnrichWorker({ knowledge: KNOWLEDGE, db, log: silentLogger, now: () => NOW, hostIntervalMs: 0 });
    expect(await worker.drain()).toBe(1);
    const stored = getFullText(db, id)!;
    expect(stored).toMatchObject({ status: 'pending', attempts: 1 });
    expect(stored.error).toMatch(/HTTP 429/);
    expect(stored.nextAttemptAtMs).toBeGreaterThanOrEqual(NOW + 600_000);
    db.close();
  });
});
