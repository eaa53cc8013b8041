import { join } from 'node:path';
import { silentLogger } from '../src/log.js';
import { pollSources } from '../src/poll/poll-sources.js';
import { tagAndRoute } from '../src/poll/tag-and-route.js';
import { openDatabase } from '../src/store/db.js';
import { syncConfiguredSources } from '../src/store/sources-store.js';
import { upsertSubscription } from '../src/store/subscriptions-store.js';
import { startBenchServer } from './measure-start.js';
import type { Sampled } from './samples.js';
import { loadKnowledge } from '../src/knowledge/load-knowledge.js';

const KNOWLEDGE = loadKnowledge();

const RUNS = 3;

/**
 * The longest event-loop stall over a whole poll of the ~5 MiB feed (fetch, parse, dedupe,
 * classify, store, route), served by another process; next to an idle loop's. Each run stores the
 * feed into a fresh database with a subscribed channel, as a source polled before.
 */
export async function measureStall(dir: string, seed: number): Promise<Sampled[]> {
  const server = await startBenchServer(seed);
  try {
    const stalls: number[] = [];
    const idle: number[] = [];
    const pollMs: number[] = [];
    let items = 0;
    for (let run = 0; run < RUNS; run++) {
      idle.push(await maxDelayDuring(() => new Promise((resolve) => setTimeout(resolve, 300))));
      const db = openDatabase(join(dir, `stall-${run}.db`));
      syncConfiguredSources(db, [{ id: 'large', name: 'Large', publisher: 'bench', kind: 'feed', url: `http://127.0.0.1:${server.port}/large.xml` }], 'operator', 0);
      db.prepare('UPDATE sources SET first_polled_at_ms = 0').run();
      upsertSubscription(db, 'console', 'bench', { digestCron: '0 8 * * *', digestTimeZone: 'UTC' }, 0);
      const deps = { db, knowledge: KNOWLEDGE, log: silentLogger, now: Date.now };
      const t = performance.now();
      stalls.push(await maxDelayDuring(async () => {
        const [report] = await pollSources(deps, { force: true });
        if (report?.status !== 'new') throw new Error(`bench: the large feed poll ended ${report?.status}: ${report?.error}`);
        items = report.newItems;
      }));
      pollMs.push(performance.now() - t);
      db.close();
    }
    return [
      { key: 'stall_ms', name: `longest event-loop stall over a whole poll, 5 MiB feed (${items} items)`, unit: 'ms', samples: stalls, baseline: { name: 'idle loop', samples: idle } },
      { key: null, name: 'whole poll of the 5 MiB feed, wall time', unit: 'ms', samples: pollMs, baseline: null },
    ];
  } finally {
    server.child.stdin?.end();
  }
}

/** Returns the longest gap between ticks of a 2 ms timer while `work` runs: how long the loop could not answer anything. */
export async function maxDelayDuring(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let max = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    max = Math.max(max, now - last);
    last = now;
  }, 2);
  await new Promise((resolve) => setTimeout(resolve, 20));
  await work();
  await new Promise((resolve) => setTimeout(resolve, 20));
  clearInterval(timer);
  return max;
}
