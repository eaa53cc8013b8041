import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { ChatAdapter } from '../../src/chat/chat-adapter.js';
import { parseSourceConfigs } from '../../src/poll/source-list.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { syncConfiguredSources } from '../../src/store/sources-store.js';
import { findSubscription, upsertSubscription } from '../../src/store/subscriptions-store.js';

/** What a crash-test child program runs on: its store, its clock, and the recording "platform". */
export interface CrashChild {
  db: Db;
  /** `run` loops until killed; `drain` stops once nothing is left to do. */
  mode: 'run' | 'drain';
  /** The child's clock. */
  now: () => number;
  /** Moves the clock on by `ms`. */
  advance: (ms: number) => void;
  /** A chat adapter named `record` that appends each accepted post to the record file, with fsync. */
  record: ChatAdapter;
}

/**
 * Sets up a child program that a crash test kills, from its command line
 * (`<db> <sources.json> <record.jsonl> run|drain`): opens the store, syncs the sources, subscribes
 * each of `channels` on the `record` adapter with a digest every minute, and makes the recording
 * adapter. The adapter prints `p` for each post, so the test can aim its kill at a busy moment, and
 * waits `postDelayMs` before answering: a kill then leaves a post accepted but not recorded as sent.
 */
export function setUpCrashChild(channels: readonly string[], postDelayMs: number): CrashChild {
  const [dbPath, sourcesPath, recordPath, mode] = process.argv.slice(2) as [string, string, string, string];
  if (mode !== 'run' && mode !== 'drain') throw new Error(`test: crash child mode must be run or drain (got "${mode}")`);
  const db = openDatabase(dbPath);
  // The clock never goes back across restarts, and the loop moves it on so digests fall due and pacing passes.
  const latest = (db.prepare('SELECT MAX(created_at_ms) AS t FROM posts').get() as { t: number | null }).t ?? 0;
  let fakeMs = Math.max(Date.UTC(2026, 4, 5, 12), latest + 1);
  const now = () => fakeMs;
  syncConfiguredSources(db, parseSourceConfigs(JSON.parse(readFileSync(sourcesPath, 'utf8'))), 'operator', now());
  for (const channel of channels) {
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
      process.stdout.write('p\n');
      await new Promise((r) => setTimeout(r, postDelayMs));
      return { platformId: opts.idempotencyKey };
    },
    async stop() {},
    isConnected: () => true,
  };
  return { db, mode, now, advance: (ms) => { fakeMs += ms; }, record };
}
