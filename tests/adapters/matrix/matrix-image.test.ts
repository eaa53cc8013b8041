import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../src/chat/message.js';
import { makeWeeklyDigest, type WeeklyDigestFixture } from '../../web/weekly-digest-fixture.js';
import { startFakeHomeserver, type FakeHomeserver } from './fake-homeserver.js';
import { startBot, type RunningBot } from './matrix-test-kit.js';

const ROOM = '!digest:fake.test';
let fake: FakeHomeserver;
let bot: RunningBot;
let fixture: WeeklyDigestFixture;
let digest: Message;

beforeEach(async () => {
  fake = await startFakeHomeserver();
  fake.createRoom(ROOM, { creator: '@alice:fake.test', botJoined: true });
  bot = await startBot(fake);
  fixture = makeWeeklyDigest();
  digest = fixture.digest;
});
afterEach(async () => {
  await bot.adapter.stop();
  await fake.close();
  fixture.remove();
});

describe('Matrix weekly picture', () => {
  it('uploads the chart PNG of a seeded week to the media repository, then sends it as m.image after the digest', async () => {
    const receipt = await bot.adapter.post(ROOM, digest, { idempotencyKey: 'weekly-1' });
    const events = fake.eventsSentByBot(ROOM);
    expect(events.map((e) => e.content['msgtype'])).toEqual(['m.notice', 'm.image']);
    expect(receipt.platformId).toBe(events[0]!.event_id);
    const image = events[1]!.content as { url: string; body: string; info: { mimetype: string; size: number; w: number } };
    const stored = fake.media.get(image.url)!;
    expect(stored.bytes.equals(readFileSync(digest.image!.path))).toBe(true);
    expect(stored).toMatchObject({ contentType: 'image/png', filename: 'weekly-2026-11-25.png' });
    expect(image.info).toMatchObject({ mimetype: 'image/png', size: stored.bytes.length, w: 1000 });
    expect(image.body).toContain('ratifications');
  });

  it('sends the picture once when the post is sent again with the same key', async () => {
    await bot.adapter.post(ROOM, digest, { idempotencyKey: 'weekly-2' });
    await bot.adapter.post(ROOM, digest, { idempotencyKey: 'weekly-2', resend: true });
    expect(fake.eventsSentByBot(ROOM).map((e) => e.content['msgtype'])).toEqual(['m.notice', 'm.image']);
  });

  it('still delivers the digest when the media repository refuses the upload', async () => {
    fake.uploadFailures.push(413);
    const receipt = await bot.adapter.post(ROOM, digest, { idempotencyKey: 'weekly-3' });
    const events = fake.eventsSentByBot(ROOM);
    expect(events.map((e) => e.content['msgtype'])).toEqual(['m.notice']);
    expect(receipt.platformId).toBe(events[0]!.event_id);
  });
});
