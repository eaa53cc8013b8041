import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_EVENT_CONTENT_BYTES } from '../../../adapters/matrix/build-notice-contents.js';
import { deriveTxnId } from '../../../adapters/matrix/send-matrix-event.js';
import { PostError } from '../../../src/chat/chat-adapter.js';
import { textMessage, type Message } from '../../../src/chat/message.js';
import { startFakeHomeserver, type FakeHomeserver, type SendFailure } from './fake-homeserver.js';
import { startBot, type RunningBot } from './matrix-test-kit.js';

const ROOM = '!digest:fake.test';
const ALICE = '@alice:fake.test';

let fake: FakeHomeserver;
let bot: RunningBot;

beforeEach(async () => {
  fake = await startFakeHomeserver();
  fake.createRoom(ROOM, { creator: ALICE, botJoined: true });
  bot = await startBot(fake);
});

afterEach(async () => {
  await bot.adapter.stop();
  await fake.close();
});

const alert = textMessage('alert', 'New official document: A/AC.291/28');

async function postError(promise: Promise<unknown>): Promise<PostError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(PostError);
  return err as PostError;
}

describe('Matrix adapter posts', () => {
  it('sends an m.notice with the transaction id derived from the idempotency key and returns its event id', async () => {
    const receipt = await bot.adapter.post(ROOM, alert, { idempotencyKey: 'delivery-41' });
    const stored = fake.eventsSentByBot(ROOM);
    expect(stored).toHaveLength(1);
    expect(receipt.platformId).toBe(stored[0]!.event_id);
    expect(stored[0]!.content).toMatchObject({ msgtype: 'm.notice', body: 'New official document: A/AC.291/28' });
    expect(fake.sendTxnIds).toEqual([deriveTxnId('delivery-41', 0)]);
  });

  it('stores one event when the same key is posted again, and a new one for a new key', async () => {
    const first = await bot.adapter.post(ROOM, alert, { idempotencyKey: 'delivery-7' });
    const again = await bot.adapter.post(ROOM, alert, { idempotencyKey: 'delivery-7', resend: true });
    await bot.adapter.post(ROOM, alert, { idempotencyKey: 'delivery-8' });
    expect(again.platformId).toBe(first.platformId);
    expect(fake.eventsSentByBot(ROOM)).toHaveLength(2);
  });

  it('retries after a network failure with the same transaction id without a duplicate', async () => {
    fake.sendFailures.push('reset');
    const err = await postError(bot.adapter.post(ROOM, alert, { idempotencyKey: 'delivery-9' }));
    expect(err.permanent).toBe(false);
    await bot.adapter.post(ROOM, alert, { idempotencyKey: 'delivery-9', resend: true });
    expect(fake.sendTxnIds).toEqual([deriveTxnId('delivery-9', 0), deriveTxnId('delivery-9', 0)]);
    expect(fake.eventsSentByBot(ROOM)).toHaveLength(1);
  });

  it.each<[SendFailure, number]>([
    ['rate-limit-header', 2_000],
    ['rate-limit-body', 1_500],
    ['rate-limit-both', 3_000],
  ])('turns M_LIMIT_EXCEEDED (%s) into a transient error with the wait the server asked for', async (failure, waitMs) => {
    fake.sendFailures.push(failure);
    const err = await postError(bot.adapter.post(ROOM, alert, { idempotencyKey: `limited-${failure}` }));
    expect(err.permanent).toBe(false);
    expect(err.retryAfterMs).toBe(waitMs);
    expect(err.message).toMatch(/^matrix: rate limited/);
    expect(fake.eventsSentByBot(ROOM)).toHaveLength(0);
  });

  it('treats a server error as transient and a refusal as permanent', async () => {
    fake.sendFailures.push('server-error', 'forbidden');
    const serverError = await postError(bot.adapter.post(ROOM, alert, { idempotencyKey: 'a' }));
    const refused = await postError(bot.adapter.post(ROOM, alert, { idempotencyKey: 'b' }));
    expect([serverError.permanent, refused.permanent]).toEqual([false, true]);
    expect(refused.message).toContain('M_FORBIDDEN');
  });

  it('treats a room it is not in as permanent', async () => {
    const err = await postError(bot.adapter.post('!elsewhere:fake.test', alert, { idempotencyKey: 'c' }));
    expect(err.permanent).toBe(true);
  });

  it('splits a long digest into several events under the size limit, each resent idempotently', async () => {
    const items = Array.from({ length: 400 }, (_, i) => [
      { text: `Item ${i}: statement on Article 28 safeguards and cross-border data requests `.repeat(2), url: `https://example.org/items/${i}` },
    ]);
    const digest: Message = { kind: 'digest', summary: 'Daily digest', blocks: [{ type: 'heading', text: 'Daily digest' }, { type: 'list', items }] };
    const receipt = await bot.adapter.post(ROOM, digest, { idempotencyKey: 'digest-2026-11-23' });
    const parts = fake.eventsSentByBot(ROOM);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) expect(Buffer.byteLength(JSON.stringify(part.content))).toBeLessThanOrEqual(MAX_EVENT_CONTENT_BYTES);
    expect(receipt.platformId).toBe(parts[0]!.event_id);
    const bodies = parts.map((p) => String(p.content['body'])).join('\n');
    expect(bodies).toContain('Item 0:');
    expect(bodies).toContain('Item 399:');
    await bot.adapter.post(ROOM, digest, { idempotencyKey: 'digest-2026-11-23', resend: true });
    expect(fake.eventsSentByBot(ROOM)).toHaveLength(parts.length);
  });

  it('refuses to post before it was started, as a transient error', async () => {
    await bot.adapter.stop();
    const err = await postError(bot.adapter.post(ROOM, alert, { idempotencyKey: 'd' }));
    expect(err.permanent).toBe(false);
  });
});
