/**
 * The process the crash test kills: polls the local feeds and delivers through a recording adapter
 * that appends each accepted post to a file with fsync (the "platform"), in a loop, until killed.
 * With `drain` it stops by itself once nothing is left to send. Usage:
 *   node crash-child.js <db> <sources.json> <record.jsonl> run|drain
 */
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { ChatAdapter } from '../../src/chat/chat-adapter.js';
import { composeDuePosts } from '../../src/deliver/compose-due.js';
import { deliverPending, type Pacer } from '../../src/deliver/deliver-pending.js';
import { silentLogger } from '../../src/log.js';
import { pollSources } from '../../src/poll/poll-sources.js';
import { parseSourceConfigs } from '../../src/poll/source-list.js';
import { openDatabase } from '../../src/store/db.js';
import { listDuePosts } from '../../src/store/deliveries-store.js';
import { syncConfiguredSources } from '../../src/store/sources-store.js';
import { findSubscription, upsertSubscription } from '../../src/store/subscriptions-store.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const [dbPath, sourcesPath, recordPath, mode] = process.argv.slice(2) as [string, string, string, string];
const CHANNELS = ['C1', 'C2', 'C3'];

const db = openDatabase(dbPath);
// The clock never goes back across restarts, and runs a minute per loop so digests fall due and pacing passes.
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
    writeSync(fd, JSON.stringify({ channel, key: opts.idempotencyKey, resend: opts.resend ?? false, kind: message.kind, summary: message.summary }) + '\n');
    fsyncSync(fd);
    closeSync(fd);
    process.stdout.write('p\n'); // lets the test aim its kill at a busy moment
    // The platform's answer takes a while: a kill now leaves a post accepted but not recorded as sent.
    await new Promise((r) => setTimeout(r, 15));
    return { platformId: opts.idempotencyKey };
  },
  async stop() {},
  isConnected: () => true,
};

const pacer: Pacer = new Map();
process.stdout.write('ready\n');
for (;;) {
  const reports = await pollSources({ knowledge: KNOWLEDGE, db, log: silentLogger, now }, { force: true });
  composeDuePosts(db, KNOWLEDGE, now());
  await deliverPending({ db, adapters: new Map([['record', record]]), log: silentLogger, now }, pacer);
  fakeMs += 61_000;
  if (mode === 'drain' && reports.every((r) => r.newItems === 0) && listDuePosts(db, Number.MAX_SAFE_INTEGER).length === 0) break;
}
db.close();
// Nothing else should run after the drain; exit at once instead of waiting for idle sockets to time out.
process.exit(0);
