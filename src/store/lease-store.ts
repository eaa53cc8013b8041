/**
 * One writer per database. A running bot (or a CLI command that writes) holds the lease row and
 * renews its heartbeat; a second one is refused with the holder's pid, host and start time. A holder
 * is taken over when its heartbeat is older than LEASE_STALE_MS, or at once when it ran on this host
 * and its process is gone. Times here are the real clock: the lease is shared between processes.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { statement, type Db } from './db.js';

/** How often a holder renews its heartbeat. */
export const LEASE_HEARTBEAT_MS = 10_000;
/** A heartbeat older than this means the holder died (six missed beats: a busy event loop is not death). */
export const LEASE_STALE_MS = 60_000;

/** Who holds (or asks for) the lease. */
export interface LeaseHolder {
  /** What holds it: `start`, or the CLI command (`poll --once`, `reclassify`...). */
  holder: string;
  pid: number;
  host: string;
  sinceMs: number;
  heartbeatAtMs: number;
}

/** A held lease: `renew` returns false once another process has taken it over. */
export interface Lease {
  renew(): boolean;
  release(): void;
}

/** Thrown when a live process holds the lease. */
export class LeaseHeldError extends Error {
  constructor(readonly holder: LeaseHolder, message: string) {
    super(message);
    this.name = 'LeaseHeldError';
  }
}

interface LeaseOptions {
  pid?: number;
  host?: string;
  now?: () => number;
  isAlive?: (pid: number) => boolean;
}

/** Takes the lease for `holder`; throws LeaseHeldError naming the live holder when there is one. */
export function acquireLease(db: Db, holder: string, opts: LeaseOptions = {}): Lease {
  const now = opts.now ?? Date.now;
  const me = { holder, pid: opts.pid ?? process.pid, host: opts.host ?? hostname(), token: randomUUID() };
  const take = db.transaction(() => {
    const current = readLeaseHolder(db);
    if (current && isHolderLive(current, me.host, now(), opts.isAlive ?? isProcessAlive)) {
      throw new LeaseHeldError(current, `store: the database is in use by ${describeLeaseHolder(current, now())}`);
    }
    statement(db, `INSERT INTO instance_lease (id, holder, pid, host, token, since_ms, heartbeat_at_ms)
                VALUES (1, @holder, @pid, @host, @token, @now, @now)
                ON CONFLICT (id) DO UPDATE SET holder = @holder, pid = @pid, host = @host, token = @token,
                  since_ms = @now, heartbeat_at_ms = @now`).run({ ...me, now: now() });
  });
  // IMMEDIATE: two processes starting together cannot both read "free" and both write.
  take.immediate();
  return {
    renew: () => statement(db, 'UPDATE instance_lease SET heartbeat_at_ms = ? WHERE id = 1 AND token = ?').run(now(), me.token).changes === 1,
    release: () => {
      if (db.open) statement(db, 'DELETE FROM instance_lease WHERE id = 1 AND token = ?').run(me.token);
    },
  };
}

/**
 * Keeps a lease alive: renews it every LEASE_HEARTBEAT_MS and calls `onLost` once if another
 * process took it over (we stalled past LEASE_STALE_MS). Returns the function that stops renewing.
 */
export function keepLease(lease: Lease, onLost: () => void): () => void {
  const timer = setInterval(() => {
    if (lease.renew()) return;
    clearInterval(timer);
    onLost();
  }, LEASE_HEARTBEAT_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Runs `work` for a CLI command that writes, holding the lease meanwhile. When a bot (or another
 * such command) holds it, throws LeaseHeldError naming the holder and what to do instead.
 */
export async function withWriteLease<T>(db: Db, command: string, work: () => Promise<T> | T, opts: LeaseOptions = {}): Promise<T> {
  let lease: Lease;
  try {
    lease = acquireLease(db, command, opts);
  } catch (err) {
    if (!(err instanceof LeaseHeldError)) throw err;
    throw new LeaseHeldError(err.holder, `${err.message}; \`${command}\` writes to the database, so run it once that process has stopped (a running bot polls and re-tags on its own)`);
  }
  const stop = keepLease(lease, () => undefined);
  try {
    return await work();
  } finally {
    stop();
    lease.release();
  }
}

/** Returns the current holder of the lease, or null when it is free. */
export function readLeaseHolder(db: Db): LeaseHolder | null {
  const row = statement(db, 'SELECT holder, pid, host, since_ms, heartbeat_at_ms FROM instance_lease WHERE id = 1').get() as
    | { holder: string; pid: number; host: string; since_ms: number; heartbeat_at_ms: number }
    | undefined;
  return row ? { holder: row.holder, pid: row.pid, host: row.host, sinceMs: row.since_ms, heartbeatAtMs: row.heartbeat_at_ms } : null;
}

/** Returns "treatywatch start (pid 42 on host a, since 2026-05-05T12:00:00Z, last heartbeat 3 s ago)". */
export function describeLeaseHolder(h: LeaseHolder, nowMs: number): string {
  const since = new Date(h.sinceMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const ago = Math.max(0, Math.round((nowMs - h.heartbeatAtMs) / 1000));
  return `treatywatch ${h.holder} (pid ${h.pid} on host ${h.host}, since ${since}, last heartbeat ${ago} s ago)`;
}

function isHolderLive(h: LeaseHolder, myHost: string, nowMs: number, isAlive: (pid: number) => boolean): boolean {
  if (nowMs - h.heartbeatAtMs >= LEASE_STALE_MS) return false;
  // On our own host we can ask the kernel; a crashed holder is taken over without waiting.
  return h.host !== myHost || isAlive(h.pid);
}

/** Returns true when a process with this pid exists (signal 0 only checks). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
