/**
 * A feed's items are stored while it is still being read, batch by batch (memory: a large feed is
 * never held whole). The batches equal the whole parse; a store failure is not reported as a parse
 * error; and a large feed that breaks half-way keeps what it stored, saves no validators, and the
 * next poll of the whole feed stores exactly the rest: nothing lost, nothing doubled.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyedItem } from '../../src/domain.js';
import { silentLogger } from '../../src/log.js';
import { parseAndKey, parseAndKeyInBatches } from '../../src/parse/parse-off-thread.js';
import { pollSources } from '../../src/poll/poll-sources.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { getSource, syncConfiguredSources } from '../../src/store/sources-store.js';
import { upsertSubscription } from '../../src/store/subscriptions-store.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';
import { conditionalRoute, rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

const FIRST = 5;
const TOTAL = 3_000;
const entry = (n: number): [string, string, string] => n % 3 === 0
  ? [`g${n}`, `Article 28(4) of the cybercrime convention, note ${n}`, `The UN Convention against Cybercrime and Article 28(4): the scope of data requests, note ${n}.`]
  : [`g${n}`, `Harvest festival report ${n}`, `Local farmers brought apples and pears to market, report ${n}.`];
const feed = (count: number) => rssFeed(Array.from({ length: count }, (_, n) => entry(n)));
const SOURCE = { kind: 'feed' as const, selectors: null, id: 'feed' };

let server: FixtureServer;
let dir: string;
let body = feed(FIRST);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tw-streamed-'));
  server = await startFixtureServer({ '/feed.xml': conditionalRoute(() => body) });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('parseAndKeyInBatches', () => {
  it('hands a large feed out in several batches that together equal the whole parse', async () => {
    const xml = feed(TOTAL);
    const whole = await parseAndKey(SOURCE, xml, { url: 'https://news.example.org/feed' });
    const batches: KeyedItem[][] = [];
    const result = await parseAndKeyInBatches(SOURCE, xml, { url: 'https://news.example.org/feed' }, async (batch) => void batches.push(batch));
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flat()).toEqual(whole.keyed);
    expect(result).toEqual({ count: TOTAL, ttlMs: whole.ttlMs });
  });

  it('keys repeats across batches as one whole parse does', async () => {
    const repeated = rssFeed([...Array.from({ length: TOTAL }, (_, n) => entry(n)), entry(1), entry(2)]);
    const whole = await parseAndKey(SOURCE, repeated, { url: 'https://news.example.org/feed' });
    const batches: KeyedItem[][] = [];
    await parseAndKeyInBatches(SOURCE, repeated, { url: 'https://news.example.org/feed' }, async (batch) => void batches.push(batch));
    expect(batches.flat().map((k) => k.key)).toEqual(whole.keyed.map((k) => k.key));
    expect(whole.keyed).toHaveLength(TOTAL);
  });

  it('rejects with the store failure itself, not a parse error', async () => {
    const failure = new Error('store: disk full');
    const result = parseAndKeyInBatches(SOURCE, feed(TOTAL), { url: 'https://news.example.org/feed' }, () => Promise.reject(failure));
    await expect(result).rejects.toBe(failure);
  });

  it('still says `parse: ...` for a broken feed, after the batches before the break', async () => {
    const xml = feed(TOTAL);
    const broken = xml.slice(0, Math.floor(xml.length * 0.8));
    let handed = 0;
    const result = parseAndKeyInBatches(SOURCE, broken, { url: 'https://news.example.org/feed' }, async (batch) => void (handed += batch.length));
    await expect(result).rejects.toThrow(/^parse: malformed feed/);
    expect(handed).toBeGreaterThan(0);
    expect(handed).toBeLessThan(TOTAL);
  });
});

function endState(db: Db) {
  return {
    items: db.prepare('SELECT dedupe_key AS key, relevant FROM items ORDER BY dedupe_key').all(),
    tags: db.prepare('SELECT i.dedupe_key AS key, t.article FROM item_articles t JOIN items i ON i.id = t.item_id ORDER BY 1, 2').all(),
    deliveries: db.prepare('SELECT i.dedupe_key AS key, d.kind FROM deliveries d JOIN items i ON i.id = d.item_id ORDER BY 1, 2').all(),
  };
}

const itemCount = (db: Db) => (db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
const poll = (db: Db, laterMs = 0) => pollSources({ db, knowledge: KNOWLEDGE, log: silentLogger, now: () => Date.now() + laterMs }, { force: true });
// Past the failed source's backoff (at most a day).
const DAY_AND_A_BIT_MS = 25 * 3_600_000;

// A database that has polled the feed once (FIRST items, without alerts) and has one subscribed channel.
async function prepared(name: string): Promise<Db> {
  body = feed(FIRST);
  const db = openDatabase(join(dir, name));
  syncConfiguredSources(db, [{ id: 'feed', name: 'Feed', publisher: 'p', kind: 'feed', url: server.url('/feed.xml'), intervalMs: 600_000 }], 'operator', 0);
  await poll(db);
  upsertSubscription(db, 'console', 'room', { alerts: true }, Date.now());
  return db;
}

describe('a large feed broken half-way', () => {
  it('keeps what it stored, saves no validators, and the next poll stores exactly the rest', async () => {
    const reference = await prepared('reference.db');
    body = feed(TOTAL);
    await poll(reference);
    const expected = endState(reference);
    expect(expected.items).toHaveLength(TOTAL);
    expect(expected.deliveries.length).toBeGreaterThan(TOTAL / 4);
    reference.close();

    const db = await prepared('broken.db');
    const before = getSource(db, 'feed')!;
    const whole = feed(TOTAL);
    body = whole.slice(0, Math.floor(whole.length * 0.7));
    const [broken] = await poll(db);
    expect(broken).toMatchObject({ status: 'error', reported: true });
    expect(broken!.error).toMatch(/^parse: malformed feed/);
    const kept = itemCount(db);
    // Batches before the break were stored, whole chunks only; the validators stayed as they were.
    expect(kept).toBeGreaterThan(FIRST);
    expect(kept).toBeLessThan(TOTAL);
    expect(getSource(db, 'feed')).toMatchObject({ etag: before.etag, lastModified: before.lastModified, errorCount: 1 });

    body = whole;
    const [again] = await poll(db, DAY_AND_A_BIT_MS);
    expect(again).toMatchObject({ status: 'new', newItems: TOTAL - kept, seenItems: kept });
    expect(endState(db)).toEqual(expected);
    db.close();
  }, 120_000);
});
