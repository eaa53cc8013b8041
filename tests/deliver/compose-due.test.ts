import { describe, expect, it } from 'vitest';
import { composeDuePosts } from '../../src/deliver/compose-due.js';
import { renderPlainText } from '../../src/chat/render-text.js';
import { routeNewItems } from '../../src/deliver/route-items.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { insertPost, listPosts, markPostFailed } from '../../src/store/deliveries-store.js';
import { getSubscription, upsertSubscription } from '../../src/store/subscriptions-store.js';
import { seedItem } from './delivery-fixtures.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

function addItems(db: Db, nowMs: number, specs: Parameters<typeof seedItem>[1][]): void {
  const seeded = specs.map((s) => seedItem(db, s));
  routeNewItems(db, KNOWLEDGE, seeded.map((s) => s.item), new Map(seeded.map((s) => [s.item.id, s.result])), nowMs);
}

describe('composeDuePosts', () => {
  it('posts the Berlin 08:00 digest at 08:00 local on both sides of the DST change', () => {
    const db = openDatabase(':memory:');
    const sub = upsertSubscription(db, 'console', 'c', { digestCron: '0 8 * * *', digestTimeZone: 'Europe/Berlin' }, 0);
    let now = Date.UTC(2026, 2, 28, 5, 0);
    expect(composeDuePosts(db, KNOWLEDGE, now)).toBe(0); // schedules the first digest
    expect(getSubscription(db, sub.id)!.nextDigestAtMs).toBe(Date.UTC(2026, 2, 28, 7, 0));
    addItems(db, now, [{ title: 'Saturday story' }]);
    expect(composeDuePosts(db, KNOWLEDGE, Date.UTC(2026, 2, 28, 6, 59))).toBe(0);
    now = Date.UTC(2026, 2, 28, 7, 0);
    expect(composeDuePosts(db, KNOWLEDGE, now)).toBe(1);
    expect(getSubscription(db, sub.id)!.nextDigestAtMs).toBe(Date.UTC(2026, 2, 29, 6, 0));
    addItems(db, now, [{ title: 'Sunday story' }]);
    expect(composeDuePosts(db, KNOWLEDGE, Date.UTC(2026, 2, 29, 5, 59))).toBe(0);
    expect(composeDuePosts(db, KNOWLEDGE, Date.UTC(2026, 2, 29, 6, 0))).toBe(1);
    const posts = listPosts(db, sub.id);
    expect(posts.map((p) => renderPlainText(p.message).includes('Saturday story'))).toEqual([true, false]);
    expect(renderPlainText(posts[1]!.message)).toContain('Sunday story');
  });

  it('skips the digest when nothing is owed, but still moves the schedule on', () => {
    const db = openDatabase(':memory:');
    const sub = upsertSubscription(db, 'console', 'c', { nextDigestAtMs: 1000 }, 0);
    expect(composeDuePosts(db, KNOWLEDGE, 2000)).toBe(0);
    expect(listPosts(db, sub.id)).toEqual([]);
    expect(getSubscription(db, sub.id)!.nextDigestAtMs).toBeGreaterThan(2000);
  });

  it('notes a failed post in the next digest exactly once', () => {
    const db = openDatabase(':memory:');
    const sub = upsertSubscription(db, 'console', 'c', { nextDigestAtMs: 1000 }, 0);
    const failed = insertPost(db, { subscriptionId: sub.id, kind: 'alert', message: { kind: 'alert', summary: 'x', blocks: [] }, nowMs: 0 });
    markPostFailed(db, failed, 'slack: channel_not_found');
    expect(composeDuePosts(db, KNOWLEDGE, 2000)).toBe(1);
    expect(renderPlainText(listPosts(db, sub.id)[1]!.message)).toContain('1 earlier message could not be delivered here (slack: channel_not_found)');
    upsertSubscription(db, 'console', 'c', { nextDigestAtMs: 3000 }, 0);
    expect(composeDuePosts(db, KNOWLEDGE, 4000)).toBe(0);
  });

  it('writes a session wrap-up at 20:00 local on session days only, listing the day\'s alerts', () => {
    const db = openDatabase(':memory:');
    const created = Date.UTC(2026, 0, 26, 9, 0); // Monday of the January 2026 session, Vienna
    const sub = upsertSubscription(db, 'console', 'c', { digestCron: null, sessionMode: true, digestTimeZone: 'Europe/Vienna' }, created);
    db.prepare('UPDATE subscriptions SET created_at_ms = ? WHERE id = ?').run(created, sub.id);
    addItems(db, Date.UTC(2026, 0, 26, 10, 0), [{ title: 'Closed informals on Article 4' }]);
    expect(composeDuePosts(db, KNOWLEDGE, Date.UTC(2026, 0, 26, 18, 59))).toBe(0);
    expect(composeDuePosts(db, KNOWLEDGE, Date.UTC(2026, 0, 26, 19, 0))).toBe(1);
    const [wrapUp] = listPosts(db, sub.id).filter((p) => p.kind === 'wrap-up');
    expect(renderPlainText(wrapUp!.message)).toMatch(/Session wrap-up: AHC session[\s\S]*Closed informals on Article 4/);
    // A quiet session day: nothing alerted, no wrap-up.
    expect(composeDuePosts(db, KNOWLEDGE, Date.UTC(2026, 0, 27, 19, 0))).toBe(0);
    // After the session, the schedule runs but nothing is posted.
    addItems(db, Date.UTC(2026, 1, 10, 10, 0), [{ title: 'Later story', kind: 'document' }]);
    composeDuePosts(db, KNOWLEDGE, Date.UTC(2026, 1, 9, 19, 0));
    expect(composeDuePosts(db, KNOWLEDGE, Date.UTC(2026, 1, 10, 19, 0))).toBe(0);
  });

  it('builds the digest outside any transaction, and posts once when a digest is composed elsewhere meanwhile', () => {
    const db = openDatabase(':memory:');
    const weekly = { digestCron: '0 8 * * 1', nextDigestAtMs: 1000 };
    const sub = upsertSubscription(db, 'console', 'c', weekly, 0);
    addItems(db, 500, [{ title: 'First story' }, { title: 'Second story' }]);
    const inTransaction: boolean[] = [];
    // The weekly picture is drawn while the digest is built: the moment to look, and to compose elsewhere.
    const picture = { path: '/nonexistent.png', title: 'w', alt: 'w', width: 1, height: 1 };
    expect(composeDuePosts(db, KNOWLEDGE, 2000, {
      weeklyPicture: () => {
        inTransaction.push(db.inTransaction);
        if (inTransaction.length === 1) composeDuePosts(db, KNOWLEDGE, 2000); // another writer composes the same digest now
        return picture;
      },
    })).toBe(0);
    expect(inTransaction).toEqual([false]);
    const digests = listPosts(db, sub.id).filter((p) => p.kind === 'digest');
    expect(digests).toHaveLength(1);
    expect(renderPlainText(digests[0]!.message)).toMatch(/First story[\s\S]*Second story|Second story[\s\S]*First story/);
  });

  it('builds the digest again inside the write when more items became owed while it was built', () => {
    const db = openDatabase(':memory:');
    const sub = upsertSubscription(db, 'console', 'c', { digestCron: '0 8 * * 1', nextDigestAtMs: 1000 }, 0);
    addItems(db, 500, [{ title: 'Early story' }]);
    let drawn = 0;
    const picture = { path: '/nonexistent.png', title: 'w', alt: 'w', width: 1, height: 1 };
    expect(composeDuePosts(db, KNOWLEDGE, 2000, {
      weeklyPicture: () => {
        if (drawn++ === 0) addItems(db, 1500, [{ title: 'Late story' }]);
        return picture;
      },
    })).toBe(1);
    expect(drawn).toBe(2);
    const [digest] = listPosts(db, sub.id).filter((p) => p.kind === 'digest');
    expect(renderPlainText(digest!.message)).toMatch(/Late story/);
    expect(composeDuePosts(db, KNOWLEDGE, 2000)).toBe(0);
  });
});
