import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { FIRST_RETRY_MS } from '../../src/fetch/next-check.js';
import { pollSources, type PollDeps } from '../../src/poll/poll-sources.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { countItems } from '../../src/store/items-store.js';
import { getSource, syncConfiguredSources } from '../../src/store/sources-store.js';
import { conditionalRoute, rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

let server: FixtureServer;
let dir: string;
let entries: [string, string, string][];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tw-poll-'));
  entries = [['a1', 'Convention opens for signature', 'Hanoi ceremony'], ['a2', 'Second post', 'More']];
  server = await startFixtureServer({
    '/feed.xml': conditionalRoute(() => rssFeed(entries)),
    '/broken': (_req, res) => res.writeHead(500).end('oops'),
    '/gone': (_req, res) => res.writeHead(404).end('no'),
    '/busy': (_req, res) => res.writeHead(429, { 'retry-after': '3600' }).end(),
    '/html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body><p>Not a feed</p></body></html>'),
  });
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function setup(ids: string[], nowMs = Date.UTC(2024, 8, 2, 12)) {
  const db = openDatabase(join(dir, 'tw.db'));
  const paths: Record<string, string> = { feed: '/feed.xml', broken: '/broken', gone: '/gone', busy: '/busy', html: '/html' };
  syncConfiguredSources(db, ids.map((id) => ({ id, name: id, publisher: id, kind: 'feed' as const, url: server.url(paths[id]!), intervalMs: 600_000 })), 'operator', 0);
  const clock = { now: nowMs };
  const deps: PollDeps = {
    db, knowledge: KNOWLEDGE, log: silentLogger, now: () => clock.now,
    fetchOptions: { allowPrivateAddresses: true, timeoutMs: 3_000 },
  };
  return { db, deps, clock };
}

// Every stored item is tagged in the transaction that stored it; returns guid, deliverable, tagged.
function storedItems(db: Db): [string, boolean, boolean][] {
  return (db.prepare('SELECT guid, deliverable, classified_at_ms FROM items ORDER BY id').all() as { guid: string; deliverable: number; classified_at_ms: number | null }[])
    .map((r) => [r.guid, r.deliverable === 1, r.classified_at_ms !== null]);
}

describe('pollSources', () => {
  it('records a new source\'s items without marking them for delivery, then only new ones', async () => {
    const { db, deps } = setup(['feed']);
    const [first] = await pollSources(deps, { force: true });
    expect(first).toMatchObject({ sourceId: 'feed', status: 'first-poll', newItems: 2, error: null });
    expect(storedItems(db)).toEqual([['a1', false, true], ['a2', false, true]]);

    entries.push(['a3', 'Ratification news', 'A third']);
    const [second] = await pollSources(deps, { force: true });
    expect(second).toMatchObject({ status: 'new', newItems: 1, seenItems: 2 });
    expect(storedItems(db).at(-1)).toEqual(['a3', true, true]);
    expect(countItems(db, 'feed')).toBe(3);
  });

  it('sends the stored validators back, also after a restart, and inserts nothing for an unchanged feed', async () => {
    const first = setup(['feed']);
    await pollSources(first.deps, { force: true });
    first.db.close();

    const again = setup(['feed']);
    const [report] = await pollSources(again.deps, { force: true });
    expect(report).toMatchObject({ status: 'not-modified', newItems: 0 });
    const conditional = server.requests.filter((r) => r.path === '/feed.xml').at(-1)!;
    expect(conditional.headers['if-none-match']).toMatch(/^"/);
    expect(conditional.headers['if-modified-since']).toBe('Mon, 02 Sep 2024 10:00:00 GMT');
    expect(countItems(again.db)).toBe(2);
  });

  it('fails only the broken sources, records why, and backs them off', async () => {
    const { db, deps, clock } = setup(['feed', 'broken', 'gone', 'busy', 'html']);
    const reports = await pollSources(deps, { force: true });
    const byId = Object.fromEntries(reports.map((r) => [r.sourceId, r]));
    expect(byId['feed']).toMatchObject({ status: 'first-poll', newItems: 2 });
    for (const id of ['broken', 'gone', 'busy', 'html']) expect(byId[id]!.status, id).toBe('error');
    expect(byId['gone']!.reported).toBe(true);
    expect(byId['html']!.reported).toBe(true);
    expect(byId['broken']!.reported).toBe(false);
    expect(byId['html']!.error).toMatch(/parse/);
    expect(getSource(db, 'busy')!.nextCheckAtMs).toBeGreaterThanOrEqual(clock.now + 3_600_000);
    expect(getSource(db, 'broken')).toMatchObject({ errorCount: 1, lastHttpStatus: 500 });
    // A first failure is retried within minutes, not after the ten-minute interval or more.
    expect(getSource(db, 'broken')!.nextCheckAtMs - clock.now).toBeLessThanOrEqual(FIRST_RETRY_MS);

    // Backing off: a forced poll right away leaves the failing sources alone.
    const retry = await pollSources(deps, { force: true });
    expect(retry.map((r) => r.sourceId)).toEqual(['feed']);
  });

  it('polls only due sources on a regular tick', async () => {
    const { deps, clock } = setup(['feed']);
    expect(await pollSources(deps)).toHaveLength(1);
    expect(await pollSources(deps)).toHaveLength(0);
    clock.now += 600_000;
    expect(await pollSources(deps)).toHaveLength(1);
  });
});

