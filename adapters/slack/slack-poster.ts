import type { webApi } from '@slack/bolt';
import type { PostReceipt } from '../../src/chat/chat-adapter.js';
import type { Message } from '../../src/chat/message.js';
import type { Logger } from '../../src/log.js';
import { createChannelPacer } from './channel-pacer.js';
import { renderSlackMessages, type SlackPayload } from './render-slack-message.js';
import { classifySlackError } from './slack-post-error.js';
import { uploadSlackImage } from './upload-slack-image.js';

/** About one message per second per channel, as Slack asks of chat.postMessage. */
export const CHANNEL_INTERVAL_MS = 1_000;
/** Attempts for one message before the outbox takes over with its own backoff. */
export const MAX_POST_ATTEMPTS = 3;
/** First wait after a 5xx or network error; doubles on each further attempt. */
export const RETRY_BACKOFF_MS = 1_000;
/** A Retry-After up to this long is waited out here; a longer one goes back to the outbox. */
export const MAX_INLINE_RETRY_AFTER_MS = 10_000;
/** How many recent channel messages the resend check reads. */
export const RESEND_LOOKBACK_MESSAGES = 100;
/** The metadata event type that marks our posts, so a resend can find them. */
export const POST_EVENT_TYPE = 'treatywatch_post';

/** Posts Messages to channels. */
export type SlackPoster = (
  channel: string,
  message: Message,
  opts: { idempotencyKey: string; resend?: boolean },
) => Promise<PostReceipt>;

/**
 * Returns a poster that paces per channel, retries 429/5xx/network failures a bounded number of
 * times, and before any retry that might duplicate a post (the first request may have landed)
 * looks for the post's idempotency key in the channel's recent history.
 */
export function createSlackPoster(deps: {
  client: webApi.WebClient;
  log: Logger;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}): SlackPoster {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const pacer = createChannelPacer({ intervalMs: CHANNEL_INTERVAL_MS, now, sleep });

  async function postPart(channel: string, payload: SlackPayload, key: string, resend: boolean): Promise<string> {
    let checkFirst = resend;
    for (let attempt = 1; ; attempt++) {
      await pacer.wait(channel);
      if (checkFirst) {
        const existing = await findEarlierPost(deps.client, deps.log, channel, key);
        if (existing !== null) {
          deps.log.info('slack post found earlier', { channel, key });
          return existing;
        }
      }
      try {
        const result = await deps.client.chat.postMessage({
          channel,
          text: payload.text,
          // Slack refuses an empty blocks array; the text alone is then the message.
          blocks: payload.blocks.length > 0 ? payload.blocks : undefined,
          // Untrusted text must never become a mention or a rewritten link.
          parse: 'none',
          link_names: false,
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: POST_EVENT_TYPE, event_payload: { key } },
        });
        if (typeof result.ts !== 'string') throw new Error('slack: chat.postMessage answered without ts');
        return result.ts;
      } catch (err) {
        const failure = classifySlackError(err, 'chat.postMessage');
        const { error } = failure;
        if (error.permanent || attempt >= MAX_POST_ATTEMPTS) throw error;
        if (error.retryAfterMs !== null) {
          pacer.holdOff(channel, error.retryAfterMs);
          if (error.retryAfterMs > MAX_INLINE_RETRY_AFTER_MS) throw error;
        } else {
          await sleep(RETRY_BACKOFF_MS * 2 ** (attempt - 1));
        }
        checkFirst = checkFirst || failure.ambiguous;
        deps.log.warn('slack post retry', { channel, key, attempt, error });
      }
    }
  }

  return async (channel, message, opts) => {
    const payloads = renderSlackMessages(message);
    let first: string | null = null;
    for (const [index, payload] of payloads.entries()) {
      // Each part has its own key, so a resend after a crash mid-way posts only the missing parts.
      const key = index === 0 ? opts.idempotencyKey : `${opts.idempotencyKey}#${index + 1}`;
      const ts = await postPart(channel, payload, key, opts.resend === true);
      first ??= ts;
    }
    if (message.image && first !== null) await uploadSlackImage(deps.client, deps.log, { channel, threadTs: first }, message.image);
    return { platformId: first ?? '' };
  };
}

/**
 * Returns the ts of a recent message in the channel carrying our metadata with `key`, or null.
 * When the history cannot be read (no scope, bot not in the channel) we post anyway: a rare
 * duplicate is better than a lost alert; a transient failure is thrown for the outbox to retry.
 */
async function findEarlierPost(client: webApi.WebClient, log: Logger, channel: string, key: string): Promise<string | null> {
  let result;
  try {
    result = await client.conversations.history({
      channel,
      limit: RESEND_LOOKBACK_MESSAGES,
      include_all_metadata: true,
    });
  } catch (err) {
    const { error } = classifySlackError(err, 'conversations.history');
    if (!error.permanent) throw error;
    log.warn('slack resend check unavailable', { channel, key, error });
    return null;
  }
  for (const msg of result.messages ?? []) {
    const meta = msg.metadata as { event_type?: string; event_payload?: { key?: unknown } } | undefined;
    if (meta?.event_type === POST_EVENT_TYPE && meta.event_payload?.key === key && typeof msg.ts === 'string') {
      return msg.ts;
    }
  }
  return null;
}
