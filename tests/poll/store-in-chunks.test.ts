import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeInChunks, STORE_CHUNK_MS } from '../../src/poll/poll-sources.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { syncConfiguredSources } from '../../src/store/sources-store.js';
import { conditionalRoute, rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

const ENTRIES = Array.from({ length: 120 }, (_, i): [string, string, string] => [`g${i}`, `Article 28(4) of the cybercrime convention, note ${i}`, 'The UN Convention against Cybercrime and Article 28(4).']);

let server: FixtureServer;
let dir: string;
let db: Db;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tw-chunks-'));
  server = await startFixtureServer({ '/feed.xml': conditionalRoute(() => rssFeed(ENTRIES)) });
  db = openDatabase(join(dir, 'tw.db'));
  syncConfiguredSources(db, [{ id: 'feed', name: 'Feed', publisher: 'p', kind: 'feed', url: server.url('/feed.xml'), intervalMs: 600_000 }], 'operator', 0);
});

afterEach(async () => {
  db.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('storing a poll in chunks', () => {
  it('commits each chunk on its own and yields to the event loop between chunks', async () => {
    const keyed = Array.from({ length: 12 }, (_, i) => ({ item: { guid: `k${i}` }, dedupeKey: `k${i}` })) as never[];
    const seenInTransaction: boolean[] = [];
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    const stored = await storeInChunks(keyed, { db }, (chunk) => {
      seenInTransaction.push(db.inTransaction);
      busyWait(STORE_CHUNK_MS / 3); // three or so items fill a chunk
      return chunk.length;
    });
    clearInterval(ticker);
    expect(stored).toBe(12);
    expect(seenInTransaction.every(Boolean)).toBe(true);
    expect(ticks).toBeGreaterThan(1);
  });
});
