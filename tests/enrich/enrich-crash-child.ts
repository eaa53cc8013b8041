/**
 * The process the enrichment crash test kills: polls the local feed, delivers alerts and digests
 * through a recording adapter (an fsync'd file standing for the platform), and enriches the
 * items' pages, in a loop, until killed. With `drain` it stops once nothing is left to do. Usage:
 *   node enrich-crash-child.js <db> <sources.json> <record.jsonl> run|drain
 */
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { ChatAdapter } from '../../src/chat/chat-adapter.js';
import { composeDuePosts } from '../../src/deliver/compose-due.js';
import { deliverPending, type Pacer } from '../../src/deliver/deliver-pending.js';
import { createEnrichWorker } from '../../src/enrich/enrich-worker.js';
import { silentLogger } from '../../src/log.js';
import { pollSources } from '../../src/poll/poll-sources.js';
import { parseSourceConfigs } from '../../src/poll/source-list.js';
import { openDatabase } from '../../src/store/db.js';
import { listDuePosts } from '../../src/store/deliveries-store.js';
import { countFullTexts } from '../../src/store/fulltext-store.js';
import { syncConfiguredSources } from '../../src/store/sources-store.js';
import { findSubscription, upsertSubscription } from '../../src/store/subscriptions-store.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const [dbPath, sourcesPath, recordPath, mode] = process.argv.slice(2) as [string, string, string, string];
const CHANNELS = ['C1', 'C2'];

const db = openDatabase(dbPath);
const latest = (db.prepare('SELECT MAX(created_at_ms) AS t FROM posts').get() as { t: number | null }).t ?? 0;
let fakeMs = Math.max(Date.UTC(2026, 4, 5, 12), latest + 1);
const now = () => fakeMs;
syncConfiguredSources(db, parseSourceConfigs(JSON.parse(readFileSync(sourcesPath, 'utf8'))), 'operator', now());
for (const channel of CHANNELS) {
  if (!findSubscription(db, 'record', channel)) upsertSubscription(db, 'record', channel, { digestCron: '* * * * *' }, now());
}

const record: ChatAdapter = {
  name: 'record',
  async start() {},
  async post(channel, message, opts) {
    const fd = openSync(recordPath, 'a');
    writeSync(fd, JSON.stringify({ channel, key: opts.idempotencyKey, resend: opts.resend ?? false, kind: message.kind }) + '\n');
    fsyncSync(fd);
    closeSync(fd);
    process.stdout.write('p\n');
    await new Promise((r) => setTimeout(r, 5));
    return { platformId: opts.idempotencyKey };
  },
  async stop() {},
  isConnected: () => true,
};

const enricher = createEnrichWorker({ knowledge: KNOWLEDGE,
  db, log: silentLogger, now, hostIntervalMs: 0, fetchOptions: { allowPrivateAddresses: true },
  onOutcome: () => process.stdout.write('e\n'),
});
const pacer: Pacer = new Map();
process.stdout.write('ready\n');
for (;;) {
  const reports = await pollSources({ knowledge: KNOWLEDGE, db, log: silentLogger, now }, { force: true });
  composeDuePosts(db, KNOWLEDGE, now());
  // Enrichment and delivery run side by side, as in the bot.
  await Promise.all([enricher.drain(), deliverPending({ db, adapters: new Map([['record', record]]), log: silentLogger, now }, pacer)]);
  fakeMs += 61_000;
  const idle = reports.every((r) => r.newItems === 0) && listDuePosts(db, Number.MAX_SAFE_INTEGER).length === 0 && countFullTexts(db, 'pending') === 0;
  if (mode === 'drain' && idle) break;
}
db.close();
process.exit(0);
