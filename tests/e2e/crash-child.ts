/**
 * The process the crash test kills: polls the local feeds and delivers through a recording adapter
 * that appends each accepted post to a file with fsync (the "platform"), in a loop, until killed.
 * With `drain` it stops by itself once nothing is left to send. Usage:
 *   node crash-child.js <db> <sources.json> <record.jsonl> run|drain
 */
import { composeDuePosts } from '../../src/deliver/compose-due.js';
import { deliverPending, type Pacer } from '../../src/deliver/deliver-pending.js';
import { silentLogger } from '../../src/log.js';
import { pollSources } from '../../src/poll/poll-sources.js';
import { listDuePosts } from '../../src/store/deliveries-store.js';
import { setUpCrashChild } from '../helpers/crash-child-setup.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

// The platform's answer takes 15 ms, a window for the kill.
const { db, mode, now, advance, record } = setUpCrashChild(['C1', 'C2', 'C3'], 15);
const pacer: Pacer = new Map();
process.stdout.write('ready\n');
for (;;) {
  const reports = await pollSources({ knowledge: KNOWLEDGE, db, log: silentLogger, now }, { force: true });
  composeDuePosts(db, KNOWLEDGE, now());
  await deliverPending({ db, adapters: new Map([['record', record]]), log: silentLogger, now }, pacer);
  advance(61_000);
  if (mode === 'drain' && reports.every((r) => r.newItems === 0) && listDuePosts(db, Number.MAX_SAFE_INTEGER).length === 0) break;
}
db.close();
// Nothing else should run after the drain; exit at once instead of waiting for idle sockets to time out.
process.exit(0);
