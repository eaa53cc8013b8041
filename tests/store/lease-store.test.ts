import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { acquireLease, LEASE_STALE_MS, LeaseHeldError, readLeaseHolder, withWriteLease } from '../../src/store/lease-store.js';

const T0 = Date.UTC(2026, 4, 5, 12);
const alive = () => true;
const dead = () => false;

describe('the instance lease', () => {
  it('refuses a second holder and names the first one: what, pid, host and since when', () => {
    const db = openDatabase(':memory:');
    acquireLease(db, 'start', { pid: 4242, host: 'box-a', now: () => T0, isAlive: alive });
    const second = () => acquireLease(db, 'start', { pid: 5151, host: 'box-a', now: () => T0 + 3_000, isAlive: alive });
    expect(second).toThrow(LeaseHeldError);
    expect(second).toThrow('treatywatch start (pid 4242 on host box-a, since 2026-05-05T12:00:00Z, last heartbeat 3 s ago)');
    expect(readLeaseHolder(db)).toMatchObject({ pid: 4242, host: 'box-a' });
  });

  it('takes over a holder whose heartbeat stopped, and the old holder learns it lost the lease', () => {
    const db = openDatabase(':memory:');
    let nowMs = T0;
    const first = acquireLease(db, 'start', { pid: 1, host: 'box-a', now: () => nowMs, isAlive: alive });
    nowMs += LEASE_STALE_MS - 1;
    expect(() => acquireLease(db, 'start', { pid: 2, host: 'box-b', now: () => nowMs, isAlive: alive })).toThrow(LeaseHeldError);
    nowMs += 1;
    acquireLease(db, 'start', { pid: 2, host: 'box-b', now: () => nowMs, isAlive: alive });
    expect(readLeaseHolder(db)).toMatchObject({ pid: 2, host: 'box-b', sinceMs: nowMs });
    expect(first.renew()).toBe(false);
    first.release();
    expect(readLeaseHolder(db)).toMatchObject({ pid: 2 });
  });

  it('keeps a holder alive by its heartbeat', () => {
    const db = openDatabase(':memory:');
    let nowMs = T0;
    const lease = acquireLease(db, 'start', { pid: 1, host: 'box-a', now: () => nowMs, isAlive: alive });
    for (let i = 0; i < 5; i++) {
      nowMs += LEASE_STALE_MS / 2;
      expect(lease.renew()).toBe(true);
    }
    expect(() => acquireLease(db, 'start', { pid: 2, host: 'box-b', now: () => nowMs, isAlive: alive })).toThrow(LeaseHeldError);
  });

  it('takes over at once from a holder on this host whose process is gone', () => {
    const db = openDatabase(':memory:');
    acquireLease(db, 'start', { pid: 1, host: 'box-a', now: () => T0, isAlive: alive });
    expect(() => acquireLease(db, 'start', { pid: 2, host: 'box-a', now: () => T0 + 10, isAlive: dead })).not.toThrow();
    expect(readLeaseHolder(db)).toMatchObject({ pid: 2 });
  });

  it('asks the kernel whether a pid on this host lives: this process does', () => {
    const db = openDatabase(':memory:');
    acquireLease(db, 'start');
    expect(() => acquireLease(db, 'start')).toThrow(`pid ${process.pid}`);
  });

  it('is free again once released', () => {
    const db = openDatabase(':memory:');
    acquireLease(db, 'start').release();
    expect(readLeaseHolder(db)).toBeNull();
    expect(() => acquireLease(db, 'start').release()).not.toThrow();
  });
});

describe('withWriteLease', () => {
  it('refuses a writing command while a bot holds the database, saying which command and why', async () => {
    const db = openDatabase(':memory:');
    acquireLease(db, 'start');
    let ran = false;
    const run = withWriteLease(db, 'poll --once', () => {
      ran = true;
    });
    await expect(run).rejects.toThrow(/in use by treatywatch start \(pid \d+ .*`poll --once` writes to the database/);
    expect(ran).toBe(false);
  });

  it('holds the lease while the command runs (a bot cannot start meanwhile) and frees it after', async () => {
    const db = openDatabase(':memory:');
    const seen = await withWriteLease(db, 'reclassify', () => {
      expect(() => acquireLease(db, 'start')).toThrow(/in use by treatywatch reclassify/);
      return readLeaseHolder(db)?.holder;
    });
    expect(seen).toBe('reclassify');
    expect(readLeaseHolder(db)).toBeNull();
    await expect(withWriteLease(db, 'reclassify', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(readLeaseHolder(db)).toBeNull();
  });
});
