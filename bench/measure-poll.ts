import { request } from 'node:http';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { silentLogger } from '../src/log.js';
import { POLL_CONCURRENCY, pollSources } from '../src/poll/poll-sources.js';
import { openDatabase } from '../src/store/db.js';
import { syncConfiguredSources } from '../src/store/sources-store.js';
import type { Sampled } from './samples.js';
import { loadKnowledge } from '../src/knowledge/load-knowledge.js';

const KNOWLEDGE = loadKnowledge();

const SOURCES = 200;
const RUNS = 3;

// The feed server runs on its own thread so its work is not counted against the poll's event loop.
const SERVER_CODE = `
const { createServer } = require('node:http');
const { parentPort } = require('node:worker_threads');
const body = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><guid>g</guid><title>x</title></item></channel></rss>';
const server = createServer((req, res) => {
  if (req.headers['if-none-match'] === '"v1"') { res.writeHead(304, { etag: '"v1"' }); res.end(); return; }
  res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }); res.end(body);
});
server.keepAliveTimeout = 1000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', () => server.close(() => process.exit(0)));
`;

/** Wall time of one poll cycle over 200 local sources that all answer 304, next to bare conditional GETs. */
export async function measurePollCycle(dir: string): Promise<Sampled[]> {
  const worker = new Worker(SERVER_CODE, { eval: true });
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  const db = openDatabase(join(dir, 'poll.db'));
  try {
    syncConfiguredSources(db, Array.from({ length: SOURCES }, (_, i) => ({
      id: `s${i}`, name: `s${i}`, publisher: 'bench', kind: 'feed' as const, url: `http://127.0.0.1:${port}/feed/${i}.xml`,
    })), 'operator', 0);
    const deps = { db, knowledge: KNOWLEDGE, log: silentLogger, now: Date.now, fetchOptions: { allowPrivateAddresses: true } };
    await pollSources(deps, { force: true }); // first poll stores validators
    await pollSources(deps, { force: true }); // warm-up
    const cycles: number[] = [];
    const raws: number[] = [];
    let notModified = 0;
    for (let run = 0; run < RUNS; run++) {
      let t = performance.now();
      const reports = await pollSources(deps, { force: true });
      cycles.push(performance.now() - t);
      notModified = Math.min(run === 0 ? SOURCES : notModified, reports.filter((r) => r.status === 'not-modified').length);
      t = performance.now();
      let next = 0;
      await Promise.all(Array.from({ length: POLL_CONCURRENCY }, async () => {
        while (next < SOURCES) await conditionalGet(port, `/feed/${next++}.xml`);
      }));
      raws.push(performance.now() - t);
    }
    if (notModified !== SOURCES) throw new Error(`bench: only ${notModified} of ${SOURCES} sources answered 304`);
    return [{
      key: 'cycle304_ms', name: `poll cycle, ${SOURCES} sources answering 304`, unit: 'ms', samples: cycles,
      baseline: { name: 'bare conditional GETs, same concurrency', samples: raws },
    }];
  } finally {
    db.close();
    worker.postMessage('stop');
    await new Promise((resolve) => worker.once('exit', resolve));
  }
}

function conditionalGet(port: number, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers: { 'if-none-match': '"v1"' } }, (res) => {
      res.resume();
      res.on('end', resolve);
    }).on('error', reject).end();
  });
}
