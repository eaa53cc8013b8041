import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { Metrics } from '../../src/ops/metrics.js';
import { startOpsServer, type OpsServer } from '../../src/ops/ops-server.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { createWebHandler, type WebRequestHandler } from '../../src/web/handle-web-request.js';
import { createLazyWebHandler } from '../../src/web/lazy-web-handler.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';
import { SEED_NOW_MS, seedTracker } from './seed-tracker.js';

// The bot serves the tracker through the lazy handler: it must answer exactly as the eager one.
let db: Db;
const servers: OpsServer[] = [];
const errors: unknown[] = [];
let eager = '';
let lazy = '';

beforeAll(async () => {
  db = openDatabase(':memory:');
  seedTracker(db);
  const deps = { knowledge: KNOWLEDGE, db, now: () => SEED_NOW_MS, baseUrl: () => 'https://tracker.example/' };
  const serve = (web: WebRequestHandler) =>
    startOpsServer({ port: 0, metrics: new Metrics(), ready: () => ({}), log: silentLogger, web });
  const eagerServer = await serve(createWebHandler(deps));
  const lazyServer = await serve(createLazyWebHandler(deps, (err) => errors.push(err)));
  servers.push(eagerServer, lazyServer);
  eager = `http://127.0.0.1:${eagerServer.port}`;
  lazy = `http://127.0.0.1:${lazyServer.port}`;
});

afterAll(async () => {
  for (const s of servers) await s.close();
  db.close();
});

async function answer(base: string, path: string): Promise<{ status: number; type: string | null; body: string }> {
  const res = await fetch(base + path);
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

describe('the tracker loaded on first request', () => {
  it('answers its first requests, arriving together, as the eager handler does, 404 included', async () => {
    const paths = ['/', '/no-such-page', '/articles', '/search?q=article', '/feeds/all.atom'];
    const first = await Promise.all(paths.map((p) => answer(lazy, p)));
    const expected = await Promise.all(paths.map((p) => answer(eager, p)));
    expect(first).toEqual(expected);
    expect(first.map((a) => a.status)).toContain(404);
    expect(first.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(3);
    // Once loaded, it answers in place, still the same.
    expect(await answer(lazy, '/articles')).toEqual(await answer(eager, '/articles'));
    expect(errors).toEqual([]);
  });

  it('answers 500 when its pages fail to load, and loads them again on the next request', async () => {
    const deps = { knowledge: KNOWLEDGE, db, now: () => SEED_NOW_MS, baseUrl: () => 'https://tracker.example/' };
    const failures: unknown[] = [];
    let loads = 0;
    const flaky = createLazyWebHandler(deps, (err) => failures.push(err), async () => {
      loads++;
      if (loads === 1) throw new Error('pages missing');
      return import('../../src/web/handle-web-request.js');
    });
    const server = await startOpsServer({ port: 0, metrics: new Metrics(), ready: () => ({}), log: silentLogger, web: flaky });
    servers.push(server);
    const base = `http://127.0.0.1:${server.port}`;
    expect((await answer(base, '/articles')).status).toBe(500);
    expect(failures.map((e) => (e as Error).message)).toEqual(['pages missing']);
    expect(await answer(base, '/articles')).toEqual(await answer(eager, '/articles'));
    expect(loads).toBe(2);
  });
});
