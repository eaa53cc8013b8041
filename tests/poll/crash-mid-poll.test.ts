/**
 * A poll killed part-way through storing a large feed loses nothing and doubles nothing. A child
 * process polls a feed of 3,000 new items; it is killed with SIGKILL once some chunks, not all,
 * are committed. The source's validators must not have been saved, so the next poll fetches the
 * whole feed again and skips what was stored. The end state (items, tags, deliveries) must equal
 * that of the same poll run without a crash.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { pollSources } from '../../src/poll/poll-sources.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { getSource, syncConfiguredSources } from '../../src/store/sources-store.js';
import { upsertSubscription } from '../../src/store/subscriptions-store.js';
import { compileProgram, type CompiledProgram } from '../helpers/build-bot.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';
import { conditionalRoute, rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

const FIRST = 5;
const TOTAL = 3_000;
const entry = (n: number): [string, string, string] => n % 3 === 0
  ? [`g${n}`, `Article 28(4) of the cybercrime convention, note ${n}`, `The UN Convention against Cybercrime and Article 28(4): the scope of data requests, note ${n}.`]
  : [`g${n}`, `Harvest festival report ${n}`, `Local farmers brought apples and pears to market, report ${n}.`];

let server: FixtureServer;
let child: CompiledProgram;
let dir: string;
let count = FIRST;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tw-crash-poll-'));
  server = await startFixtureServer({ '/feed.xml': conditionalRoute(() => rssFeed(Array.from({ length: count }, (_, n) => entry(n)))) });
  child = compileProgram('tests/poll/mid-poll-child.ts', 'tw-mid-poll-');
}, 120_000);

afterAll(async () => {
  await server.close();
  child?.remove();
  rmSync(dir, { recursive: true, force: true });
});

// A database that has polled the feed once (FIRST items, recorded without alerts) and has one
// subscribed channel, so the next poll owes deliveries.
async function prepared(name: string): Promise<Db> {
  count = FIRST;
  const db = openDatabase(join(dir, name));
  syncConfiguredSources(db, [{ id: 'feed', name: 'Feed', publisher: 'p', kind: 'feed', url: server.url('/feed.xml'), intervalMs: 600_000 }], 'operator', 0);
  await pollSources({ db, knowledge: KNOWLEDGE, log: silentLogger, now: Date.now }, { force: true });
  upsertSubscription(db, 'console', 'room', { alerts: true }, Date.now());
  count = TOTAL;
  return db;
}

function endState(db: Db) {
  return {
    items: db.prepare('SELECT dedupe_key AS key, relevant FROM items ORDER BY dedupe_key').all(),
    tags: db.prepare('SELECT i.dedupe_key AS key, t.article FROM item_articles t JOIN items i ON i.id = t.item_id ORDER BY 1, 2').all(),
    deliveries: db.prepare('SELECT i.dedupe_key AS key, d.kind FROM deliveries d JOIN items i ON i.id = d.item_id ORDER BY 1, 2').all(),
  };
}

function itemCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
}

describe('a poll killed between chunks', () => {
  it('re-fetches, stores the rest once, and ends as a poll that was never killed', async () => {
    const reference = await prepared('reference.db');
    await pollSources({ db: reference, knowledge: KNOWLEDGE, log: silentLogger, now: Date.now }, { force: true });
    const expected = endState(reference);
    expect(expected.items).toHaveLength(TOTAL);
    // About a third of the new items are relevant, and each owes the subscribed channel a delivery.
    expect(expected.deliveries.length).toBeGreaterThan(TOTAL / 4);
    reference.close();

    const db = await prepared('crash.db');
    const etagBefore = getSource(db, 'feed')!.etag;
    const proc = spawn(process.execPath, [child.entry, join(dir, 'crash.db')], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    let seenAtKill = -1;
    for (let waited = 0; waited < 60_000 && proc.exitCode === null; waited += 2) {
      const n = itemCount(db);
      if (n > FIRST + 50 && n < TOTAL - 500) {
        proc.kill('SIGKILL');
        seenAtKill = n;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await exited;
    expect(seenAtKill, 'the child was killed while storing').toBeGreaterThan(FIRST);
    const afterKill = itemCount(db);
    expect(afterKill).toBeLessThan(TOTAL);
    // Only whole chunks were kept, and the feed's validators were not saved.
    expect(getSource(db, 'feed')!.etag).toBe(etagBefore);

    const [again] = await pollSources({ db, knowledge: KNOWLEDGE, log: silentLogger, now: Date.now }, { force: true });
    expect(again).toMatchObject({ status: 'new', newItems: TOTAL - afterKill, seenItems: afterKill });
    expect(endState(db)).toEqual(expected);
    db.close();
  }, 180_000);
});
