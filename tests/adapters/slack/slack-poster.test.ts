import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { PostError } from '../../../src/chat/chat-adapter.js';
import { textMessage, type Message } from '../../../src/chat/message.js';
import { silentLogger } from '../../../src/log.js';
import { createSlackClientOptions } from '../../../adapters/slack/slack-client-options.js';
import {
  CHANNEL_INTERVAL_MS,
  MAX_POST_ATTEMPTS,
  POST_EVENT_TYPE,
  createSlackPoster,
  type SlackPoster,
} from '../../../adapters/slack/slack-poster.js';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';

let api: FakeSlackApi;
let clockMs: number;
let post: SlackPoster;

// A fake clock: sleeping moves time forward at once, so pacing and backoff are measured, not waited.
function createPoster(timeoutMs = 2_000): SlackPoster {
  const client = new webApi.WebClient('xoxb-fake1', createSlackClientOptions({ apiUrl: api.url, log: silentLogger, timeoutMs }));
  return createSlackPoster({
    client,
    log: silentLogger,
    now: () => clockMs,
    sleep: async (ms) => {
      clockMs += ms;
    },
  });
}

const posts = (channel?: string) => api.calls.filter((c) => c.method === 'chat.postMessage' && (!channel || c.args.channel === channel));
const alert = (text: string): Message => textMessage('alert', text);

beforeEach(async () => {
  clockMs = 1_000_000;
  api = await startFakeSlackApi({ now: () => clockMs });
  post = createPoster();
});
afterEach(async () => {
  await api.close();
});

describe('slack poster', () => {
  it('sends the post with our metadata key, parse none, no link names and no unfurling', async () => {
    const receipt = await post('C1', alert('New document A/AC.291/28'), { idempotencyKey: 'delivery-7' });
    const [call] = posts();
    expect(receipt.platformId).toBe(api.history.get('C1')![0]!.ts);
    expect(call!.args).toMatchObject({
      channel: 'C1',
      parse: 'none',
      link_names: 'false',
      unfurl_links: 'false',
      metadata: { event_type: POST_EVENT_TYPE, event_payload: { key: 'delivery-7' } },
    });
  });

  it('keeps posts to one channel at least a second apart without holding up other channels', async () => {
    for (let i = 0; i < 3; i++) await post('C1', alert(`one ${i}`), { idempotencyKey: `a${i}` });
    await post('C2', alert('other'), { idempotencyKey: 'b0' });
    const c1 = posts('C1').map((c) => c.atMs);
    for (let i = 1; i < c1.length; i++) expect(c1[i]! - c1[i - 1]!).toBeGreaterThanOrEqual(CHANNEL_INTERVAL_MS);
    // C2 had no earlier post, so it went out at once after the last C1 post.
    expect(posts('C2')[0]!.atMs).toBe(c1[2]);
  });

  it('waits out a short Retry-After and then posts once', async () => {
    api.script('chat.postMessage', { kind: 'status', status: 429, retryAfterS: 3 });
    await post('C1', alert('rate limited'), { idempotencyKey: 'k1' });
    const calls = posts();
    expect(calls).toHaveLength(2);
    expect(calls[1]!.atMs - calls[0]!.atMs).toBeGreaterThanOrEqual(3_000);
    expect(api.history.get('C1')).toHaveLength(1);
    // A 429 means Slack did not take the post, so no history check was needed.
    expect(api.calls.some((c) => c.method === 'conversations.history')).toBe(false);
  });

  it('hands a long Retry-After back to the outbox as a transient PostError', async () => {
    api.script('chat.postMessage', { kind: 'status', status: 429, retryAfterS: 120 });
    const error = await post('C1', alert('x'), { idempotencyKey: 'k2' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostError);
    expect(error).toMatchObject({ permanent: false, retryAfterMs: 120_000 });
    expect(posts()).toHaveLength(1);
  });

  it('retries a 500 after checking that the first attempt did not land, and posts once', async () => {
    api.script('chat.postMessage', { kind: 'status', status: 500 });
    await post('C1', alert('x'), { idempotencyKey: 'k3' });
    expect(api.calls.map((c) => c.method)).toEqual(['chat.postMessage', 'conversations.history', 'chat.postMessage']);
    expect(api.history.get('C1')).toHaveLength(1);
  });

  it('gives up after a bounded number of 5xx answers with a transient PostError', async () => {
    api.script('chat.postMessage', ...Array.from({ length: 5 }, () => ({ kind: 'status', status: 503 }) as const));
    const error = await post('C1', alert('x'), { idempotencyKey: 'k4' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'PostError', permanent: false });
    expect(posts()).toHaveLength(MAX_POST_ATTEMPTS);
  });

  it.each(['channel_not_found', 'not_in_channel', 'invalid_auth', 'is_archived', 'invalid_blocks'])(
    'fails permanently on %s without retrying',
    async (code) => {
      api.script('chat.postMessage', { kind: 'platform-error', error: code });
      const error = await post('C1', alert('x'), { idempotencyKey: 'k5' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PostError);
      expect(error).toMatchObject({ permanent: true });
      expect((error as Error).message).toContain(code);
      expect(posts()).toHaveLength(1);
    },
  );

  it('does not post twice when Slack took the post but the answer never came', async () => {
    post = createPoster(300);
    api.script('chat.postMessage', { kind: 'accept-then-hang' });
    const receipt = await post('C1', alert('slow'), { idempotencyKey: 'k6' });
    const stored = api.history.get('C1')!;
    expect(stored).toHaveLength(1);
    expect(receipt.platformId).toBe(stored[0]!.ts);
    expect(posts()).toHaveLength(1);
  });

  it('on resend returns the earlier post found in the channel history instead of posting again', async () => {
    const first = await post('C1', alert('before the crash'), { idempotencyKey: 'k7' });
    await post('C1', alert('unrelated'), { idempotencyKey: 'k8' });
    const again = await post('C1', alert('before the crash'), { idempotencyKey: 'k7', resend: true });
    expect(again.platformId).toBe(first.platformId);
    expect(posts()).toHaveLength(2);
  });

  it('on resend posts when the history holds no post with that key', async () => {
    await post('C1', alert('other'), { idempotencyKey: 'k9' });
    await post('C1', alert('lost'), { idempotencyKey: 'k10', resend: true });
    expect(posts()).toHaveLength(2);
    expect(api.calls.filter((c) => c.method === 'conversations.history')[0]!.args.include_all_metadata).toBe('true');
  });

  it('posts anyway when the history cannot be read, rather than losing the message', async () => {
    api.script('conversations.history', { kind: 'platform-error', error: 'missing_scope' });
    await post('C1', alert('x'), { idempotencyKey: 'k11', resend: true });
    expect(posts()).toHaveLength(1);
  });

  it('splits a Message too long for one Slack message into parts with their own keys', async () => {
    const long: Message = {
      kind: 'digest',
      summary: 'Digest',
      blocks: Array.from({ length: 60 }, (_, i) => ({ type: 'paragraph', spans: [{ text: `Item ${i}` }] })),
    };
    const receipt = await post('C1', long, { idempotencyKey: 'd1' });
    const keys = posts().map((c) => (c.args.metadata as { event_payload: { key: string } }).event_payload.key);
    expect(keys).toEqual(['d1', 'd1#2']);
    expect(receipt.platformId).toBe(api.history.get('C1')!.at(-1)!.ts);
    // After a crash between the parts, a resend posts only the missing second part.
    api.history.get('C1')!.shift();
    await post('C1', long, { idempotencyKey: 'd1', resend: true });
    expect(posts()).toHaveLength(3);
    expect(api.history.get('C1')).toHaveLength(2);
  });
});
