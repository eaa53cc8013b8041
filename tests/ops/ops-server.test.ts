import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { createBotMetrics } from '../../src/ops/bot-metrics.js';
import { startOpsServer, type OpsServer } from '../../src/ops/ops-server.js';
import { pollSources } from '../../src/poll/poll-sources.js';
import { openDatabase } from '../../src/store/db.js';
import { syncConfiguredSources } from '../../src/store/sources-store.js';
import { conditionalRoute, rssFeed, startFixtureServer } from '../helpers/fixture-server.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

let ops: OpsServer | undefined;
afterEach(async () => {
  await ops?.close();
  ops = undefined;
});

async function get(path: string): Promise<{ status: number; body: string; type: string | null }> {
  const res = await fetch(`http://127.0.0.1:${ops!.port}${path}`);
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') };
}

describe('ops server', () => {
  it('answers liveness, readiness with what is down, and 404 elsewhere', async () => {
    const checks = { database: true, scheduler: true, 'adapter:console': false };
    ops = await startOpsServer({ port: 0, metrics: createBotMetrics(openDatabase(':memory:')).metrics, ready: () => checks, log: silentLogger });
    expect((await get('/healthz')).status).toBe(200);
    const notReady = await get('/readyz');
    expect(notReady.status).toBe(503);
    expect(JSON.parse(notReady.body)).toMatchObject({ ready: false, failing: ['adapter:console'] });
    checks['adapter:console'] = true;
    expect((await get('/readyz')).status).toBe(200);
    expect((await get('/nope')).status).toBe(404);
  });

  it('serves Prometheus metrics whose values change after a poll', async () => {
    const feed = await startFixtureServer({ '/feed.xml': conditionalRoute(() => rssFeed([['g1', 'One', 'x'], ['g2', 'Two', 'y']])) });
    const db = openDatabase(':memory:');
    syncConfiguredSources(db, [{ id: 'local', name: 'Local', publisher: 'me', kind: 'feed', url: feed.url('/feed.xml'), intervalMs: 60_000 }], 'operator', 0);
    const bot = createBotMetrics(db);
    ops = await startOpsServer({ port: 0, metrics: bot.metrics, ready: () => ({}), log: silentLogger });

    const before = await get('/metrics');
    expect(before.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(before.body).toContain('treatywatch_sources{state="new"} 1');
    expect(before.body).toContain('treatywatch_items_stored 0');
    expect(before.body).toContain('# TYPE treatywatch_deliveries_pending gauge');
    expect(before.body).toContain('treatywatch_deliveries_failed 0');

    await pollSources({ knowledge: KNOWLEDGE, db, log: silentLogger, now: Date.now, fetchOptions: { allowPrivateAddresses: true }, onReport: bot.recordPoll }, { force: true });
    bot.recordAdapterError('slack');
    const after = (await get('/metrics')).body;
    expect(after).toContain('treatywatch_items_stored 2');
    expect(after).toContain('treatywatch_items_ingested_total 2');
    expect(after).toContain('treatywatch_sources{state="ok"} 1');
    expect(after).toContain('treatywatch_polls_total{status="first-poll"} 1');
    expect(after).toMatch(/treatywatch_fetch_duration_seconds_bucket\{le="\+Inf",status="ok"\} 1/);
    expect(after).toContain('treatywatch_adapter_errors_total{adapter="slack"} 1');
    await feed.close();
  });
});
