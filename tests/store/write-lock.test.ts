import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyedItem } from '../../src/domain.js';
import { composeDuePosts } from '../../src/deliver/compose-due.js';
import { storeInChunks } from '../../src/poll/poll-sources.js';
import { reclassifyStoredItems } from '../../src/poll/tag-and-route.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { listPosts } from '../../src/store/deliveries-store.js';
import { getSubscription, upsertSubscription } from '../../src/store/subscriptions-store.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';
import { openOtherWriter, type OtherWriter } from '../helpers/other-writer.js';
import { addItem, tagItem } from '../helpers/store-seed.js';
import { insertSource } from '../../src/store/sources-store.js';

// Two real connections on one WAL file. SQLite's busy timeout does not help a deferred transaction
// that has read and then wants to write while another connection writes: it fails at once with
// "database is locked". Write transactions that begin IMMEDIATE take the lock first, so they wait.
let dir: string;
let db: Db;
let other: OtherWriter;

const countOtherRows = () => (db.prepare("SELECT COUNT(*) AS n FROM lock_probe WHERE who = 'other'").get() as { n: number }).n;
const writeOwnRow = () => db.prepare("INSERT INTO lock_probe (who) VALUES ('self')").run();
const busyCode = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return undefined;
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tw-write-lock-'));
  db = openDatabase(join(dir, 'db.sqlite'));
  db.exec('CREATE TABLE lock_probe (id INTEGER PRIMARY KEY, who TEXT NOT NULL)');
  other = await openOtherWriter(join(dir, 'db.sqlite'), "INSERT INTO lock_probe (who) VALUES ('other')");
});
afterEach(async () => {
  await other.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a deferred write transaction (the failure)', () => {
  it('fails at once, busy timeout or not, when it read first and another connection holds the write lock', () => {
    other.holdLock(10_000);
    const code = busyCode(() => db.transaction(() => {
      countOtherRows();
      writeOwnRow();
    })());
    other.release();
    expect(other.waitCommitted(5_000)).toBe(true);
    expect(code).toMatch(/^SQLITE_BUSY/);
  });

  it('fails when another connection committed between its read and its write', () => {
    const code = busyCode(() => db.transaction(() => {
      countOtherRows();
      other.startWrite();
      expect(other.waitCommitted(5_000)).toBe(true);
      writeOwnRow();
    })());
    expect(code).toBe('SQLITE_BUSY_SNAPSHOT');
  });
});

describe('the store\'s write transactions begin IMMEDIATE', () => {
  const keyed = [{ key: 'k' }] as unknown as KeyedItem[];

  it('a poll chunk waits for the other connection\'s lock, then reads what it committed', async () => {
    let seen = -1;
    other.holdLock(400);
    const stored = await storeInChunks(keyed, { db }, () => {
      seen = countOtherRows();
      writeOwnRow();
      return 1;
    });
    expect(stored).toBe(1);
    expect(seen).toBe(1);
  });

  it('a poll chunk that has read keeps the lock until it has written; the other connection waits for it', async () => {
    let otherCommittedInside: boolean | null = null;
    await storeInChunks(keyed, { db }, () => {
      countOtherRows();
      other.startWrite();
      otherCommittedInside = other.waitCommitted(300);
      writeOwnRow();
      return 1;
    });
    expect(otherCommittedInside).toBe(false);
    expect(other.waitCommitted(5_000)).toBe(true);
    expect(db.prepare('SELECT who FROM lock_probe ORDER BY id').pluck().all()).toEqual(['self', 'other']);
  });

  it('re-tagging the whole store waits for the other connection instead of failing', () => {
    insertSource(db, { id: 'eff', name: 'EFF', publisher: 'eff', kind: 'feed', url: 'http://127.0.0.1/eff.xml' }, 'operator', 0);
    for (const key of ['a', 'b', 'c']) tagItem(db, addItem(db, 'eff', key, { title: `Article 28 of the UN cybercrime convention, part ${key}` }), { articles: ['28'] });
    other.holdLock(400);
    expect(reclassifyStoredItems(db, KNOWLEDGE, 10).items).toBe(3);
    expect(countOtherRows()).toBe(1);
  });

  it('a due digest is written after the other connection lets go, not lost to "database is locked"', () => {
    const sub = upsertSubscription(db, 'console', 'c', { nextDigestAtMs: 1_000 }, 0);
    other.holdLock(400);
    composeDuePosts(db, KNOWLEDGE, 2_000);
    // Nothing owed: no post, but the schedule moved on, in a write that read first.
    expect(listPosts(db, sub.id)).toEqual([]);
    expect(getSubscription(db, sub.id)!.nextDigestAtMs).toBeGreaterThan(2_000);
    expect(countOtherRows()).toBe(1);
  });
});
