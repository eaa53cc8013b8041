import { describe, expect, it } from 'vitest';
import { composeDuePosts, isWeeklySchedule } from '../../src/deliver/compose-due.js';
import type { MessageImage } from '../../src/chat/message.js';
import { renderPlainText } from '../../src/chat/render-text.js';
import { routeNewItems } from '../../src/deliver/route-items.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { listPosts } from '../../src/store/deliveries-store.js';
import { upsertSubscription } from '../../src/store/subscriptions-store.js';
import { seedItem } from './delivery-fixtures.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const PICTURE: MessageImage = { path: '/charts/weekly.png', title: 'The week', alt: 'a chart', width: 1000, height: 520 };

function subscribeWithItem(db: Db, cron: string): number {
  const sub = upsertSubscription(db, 'console', 'c', { digestCron: cron, nextDigestAtMs: 1000 }, 0);
  const seeded = seedItem(db, { title: 'A story about Article 24' });
  routeNewItems(db, KNOWLEDGE, [seeded.item], new Map([[seeded.item.id, seeded.result]]), 0);
  return sub.id;
}

describe('weekly picture and tracker link in digests', () => {
  it.each([
    ['0 9 * * 1', true], ['0 9 * * mon', true], ['0 0 9 * * 1', true],
    ['0 8 * * *', false], ['0 9 1 * 1', false], ['0 9 * * 1-5', false],
  ])('reads %s as weekly: %s', (cron, weekly) => {
    expect(isWeeklySchedule(cron)).toBe(weekly);
  });

  it('attaches the picture to a weekly digest and links the tracker', () => {
    const db = openDatabase(':memory:');
    const subId = subscribeWithItem(db, '0 9 * * 1');
    let asked = 0;
    expect(composeDuePosts(db, KNOWLEDGE, 2000, { publicUrl: 'https://tracker.example/', weeklyPicture: () => (asked++, PICTURE) })).toBe(1);
    const [post] = listPosts(db, subId);
    expect(asked).toBe(1);
    expect(post!.message.image).toEqual(PICTURE);
    expect(post!.message.summary).toMatch(/^Weekly digest/);
    expect(renderPlainText(post!.message)).toContain('https://tracker.example/');
  });

  it('leaves daily digests without a picture, and a weekly digest goes out when the picture failed', () => {
    const daily = openDatabase(':memory:');
    const dailyId = subscribeWithItem(daily, '0 8 * * *');
    composeDuePosts(daily, KNOWLEDGE, 2000, { weeklyPicture: () => PICTURE });
    expect(listPosts(daily, dailyId)[0]!.message.image).toBeUndefined();

    const weekly = openDatabase(':memory:');
    const weeklyId = subscribeWithItem(weekly, '0 9 * * 1');
    expect(composeDuePosts(weekly, KNOWLEDGE, 2000, { weeklyPicture: () => null })).toBe(1);
    const [post] = listPosts(weekly, weeklyId);
    expect(post!.message.image).toBeUndefined();
    expect(renderPlainText(post!.message)).toContain('A story about Article 24');
  });
});
