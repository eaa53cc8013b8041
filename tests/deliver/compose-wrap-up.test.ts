import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/chat/render-text.js';
import { composeDuePosts } from '../../src/deliver/compose-due.js';
import { composeWrapUpIfDue } from '../../src/deliver/compose-wrap-up.js';
import { routeNewItems } from '../../src/deliver/route-items.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { listPosts } from '../../src/store/deliveries-store.js';
import { getSubscription, upsertSubscription, type Subscription } from '../../src/store/subscriptions-store.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';
import { seedItem } from './delivery-fixtures.js';

// Two bots on one database file, each with its own connection, as when a second copy is started by
// mistake or a restarted bot overlaps the old one for a moment.
const MONDAY_10 = Date.UTC(2026, 0, 26, 10, 0); // Monday of the January 2026 session, Vienna
const MONDAY_20_VIENNA = Date.UTC(2026, 0, 26, 19, 0);
let dir: string;
let first: Db;
let second: Db;
let sub: Subscription;

function alert(db: Db, title: string, nowMs: number): void {
  const { item, result } = seedItem(db, { title });
  routeNewItems(db, KNOWLEDGE, [item], new Map([[item.id, result]]), nowMs);
}

/** The shipped knowledge, with `onBuild` run each time a wrap-up is built (when it reads the concern names). */
function watching(onBuild: () => void): typeof KNOWLEDGE {
  return Object.create(KNOWLEDGE, { concerns: { get: () => (onBuild(), KNOWLEDGE.concerns) } }) as typeof KNOWLEDGE;
}

const wrapUps = (db: Db) => listPosts(db, sub.id).filter((p) => p.kind === 'wrap-up');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tw-wrap-up-'));
  first = openDatabase(join(dir, 'db.sqlite'));
  second = openDatabase(join(dir, 'db.sqlite'));
  sub = upsertSubscription(first, 'console', 'c', { digestCron: null, sessionMode: true, digestTimeZone: 'Europe/Vienna' }, MONDAY_10 - 3_600_000);
  alert(first, 'Closed informals on Article 4', MONDAY_10);
});
afterEach(() => {
  first.close();
  second.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('composeWrapUpIfDue', () => {
  it('builds the wrap-up outside any transaction, and posts once when another bot composes it meanwhile', () => {
    const inTransaction: boolean[] = [];
    const knowledge = watching(() => {
      inTransaction.push(first.inTransaction);
      if (inTransaction.length === 1) expect(composeDuePosts(second, KNOWLEDGE, MONDAY_20_VIENNA)).toBe(1);
    });
    expect(composeWrapUpIfDue(first, knowledge, sub.id, MONDAY_20_VIENNA)).toBe(0);
    expect(inTransaction).toEqual([false]);
    expect(wrapUps(first)).toHaveLength(1);
    expect(getSubscription(first, sub.id)!.lastWrapUpAtMs).toBe(MONDAY_20_VIENNA);
  });

  it('builds it again inside the write when an alert went out while it was built', () => {
    let builds = 0;
    const knowledge = watching(() => {
      if (builds++ === 0) alert(second, 'Late plenary on Article 28', MONDAY_20_VIENNA - 60_000);
    });
    expect(composeWrapUpIfDue(first, knowledge, sub.id, MONDAY_20_VIENNA)).toBe(1);
    expect(builds).toBe(2);
    const [wrapUp] = wrapUps(first);
    expect(renderPlainText(wrapUp!.message)).toMatch(/Closed informals on Article 4[\s\S]*Late plenary on Article 28|Late plenary on Article 28[\s\S]*Closed informals on Article 4/);
  });

  it('builds it again inside the write when an alerted item was revised while it was built', () => {
    let builds = 0;
    const knowledge = watching(() => {
      if (builds++ === 0) second.prepare('UPDATE items SET title = ? WHERE title = ?').run('Closed informals on Article 4, revised', 'Closed informals on Article 4');
    });
    expect(composeWrapUpIfDue(first, knowledge, sub.id, MONDAY_20_VIENNA)).toBe(1);
    expect(builds).toBe(2);
    expect(renderPlainText(wrapUps(first)[0]!.message)).toContain('Closed informals on Article 4, revised');
  });

  it('posts nothing when session mode is turned off while it is built', () => {
    const knowledge = watching(() => {
      upsertSubscription(second, 'console', 'c', { sessionMode: false }, MONDAY_20_VIENNA);
    });
    expect(composeWrapUpIfDue(first, knowledge, sub.id, MONDAY_20_VIENNA)).toBe(0);
    expect(wrapUps(first)).toEqual([]);
  });

  it('a bot restarted the same evening finds the wrap-up already composed', () => {
    expect(composeDuePosts(first, KNOWLEDGE, MONDAY_20_VIENNA)).toBe(1);
    first.close();
    first = openDatabase(join(dir, 'db.sqlite'));
    expect(composeDuePosts(first, KNOWLEDGE, MONDAY_20_VIENNA)).toBe(0);
    expect(composeDuePosts(first, KNOWLEDGE, MONDAY_20_VIENNA + 3 * 3_600_000)).toBe(0);
    expect(wrapUps(first)).toHaveLength(1);
  });
});
