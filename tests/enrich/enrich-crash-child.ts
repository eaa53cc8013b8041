/**
 * The process the enrichment crash test kills: polls the local feed, delivers alerts and digests
 * through a recording adapter (an fsync'd file standing for the platform), and enriches the
 * items' pages, in a loop, until killed. With `drain` it stops once nothing is left to do. Usage:
 *   node enrich-crash-child.js <db> <sources.json> <record.jsonl> run|drain
 */
import { composeDuePosts } from '../../src/deliver/compose-due.js';
import { deliverPending, type Pacer } from '../../src/deliver/deliver-pending.js';
import { createEnrichWorker } from '../../src/enrich/enrich-worker.js';
import { silentLogger } from '../../src/log.js';
import { pollSources } from '../../src/poll/poll-sources.js';
import { listDuePosts } from '../../src/store/deliveries-store.js';
import { countFullTexts } from '../../src/store/fulltext-store.js';
import { setUpCrashChild } from '../helpers/crash-child-setup.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const { db, mode, now, advance, record } = setUpCrashChild(['C1', 'C2'], 5);
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
  advance(61_000);
  const idle = reports.every((r) => r.newItems === 0) && listDuePosts(db, Number.MAX_SAFE_INTEGER).length === 0 && countFullTexts(db, 'pending') === 0;
  if (mode === 'drain' && idle) break;
}
db.close();
process.exit(0);
