import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * A second connection to the same database file, on its own thread, standing for another bot or a
 * CLI command writing at the same time. better-sqlite3 is synchronous, so a connection on the test's
 * own thread could never let go of a lock while the test waits on it. The two threads talk through
 * shared memory, so the test can drive it from inside a running transaction.
 */
export interface OtherWriter {
  /** Takes the write lock, writes `sql`, returns once it holds the lock, and commits on `release()` or `holdMs` later by itself. */
  holdLock(holdMs: number): void;
  /** Lets a held lock go now: the other connection commits. */
  release(): void;
  /** Starts writing `sql` in its own transaction (waiting for the lock as long as the busy timeout allows); returns at once. */
  startWrite(): void;
  /** Waits up to `timeoutMs` for its last write to commit; returns whether it did. */
  waitCommitted(timeoutMs: number): boolean;
  close(): Promise<void>;
}

const IDLE = 0;
const LOCKED = 1;
const COMMITTED = 2;
const FAILED = 3;

// Slot 0: the command (1 hold, 2 write, 9 stop); slot 1: the state; slot 2: set to release a held lock; slot 3: how long to hold it.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const flags = new Int32Array(workerData.flags);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
const set = (state) => { Atomics.store(flags, 1, state); Atomics.notify(flags, 1); };
for (;;) {
  Atomics.wait(flags, 0, 0);
  const command = Atomics.exchange(flags, 0, 0);
  if (command === 9) break;
  try {
    if (command === 1) {
      db.exec('BEGIN IMMEDIATE');
      db.prepare(workerData.sql).run();
      set(${LOCKED});
      Atomics.wait(flags, 2, 0, Atomics.load(flags, 3));
      db.exec('COMMIT');
    } else {
      db.prepare(workerData.sql).run();
    }
    set(${COMMITTED});
  } catch (err) {
    set(${FAILED});
  }
}
db.close();
`;

/** Opens the other connection on `path`; each of its writes runs `sql`. */
export async function openOtherWriter(path: string, sql: string): Promise<OtherWriter> {
  const flags = new Int32Array(new SharedArrayBuffer(16));
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, sql, driver, flags: flags.buffer } });
  await new Promise<void>((resolve, reject) => {
    worker.once('online', () => resolve());
    worker.once('error', reject);
  });
  const send = (command: number) => {
    Atomics.store(flags, 1, IDLE);
    Atomics.store(flags, 0, command);
    Atomics.notify(flags, 0);
  };
  const waitFor = (state: number, timeoutMs: number): boolean => {
    const until = Date.now() + timeoutMs;
    for (let s = Atomics.load(flags, 1); s !== state; s = Atomics.load(flags, 1)) {
      if (s === FAILED) throw new Error('test: the other connection failed to write');
      if (Date.now() >= until) return false;
      Atomics.wait(flags, 1, s, Math.max(1, until - Date.now()));
    }
    return true;
  };
  return {
    holdLock(holdMs) {
      Atomics.store(flags, 2, 0);
      Atomics.store(flags, 3, holdMs);
      send(1);
      if (!waitFor(LOCKED, 10_000)) throw new Error('test: the other connection did not take the write lock');
    },
    release() {
      Atomics.store(flags, 2, 1);
      Atomics.notify(flags, 2);
    },
    startWrite: () => send(2),
    waitCommitted: (timeoutMs) => waitFor(COMMITTED, timeoutMs),
    async close() {
      send(9);
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}
