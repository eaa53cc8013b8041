import type { webApi } from '@slack/bolt';
import type { PostReceipt } from '../../src/chat/chat-adapter.js';
import type { Message } from '../../src/chat/message.js';
import type { Logger } from '../../src/log.js';
import { renderSlackMessages } from './render-slack-message.js';
import { classifySlackError } from './slack-post-error.js';

/** Replaces a posted message in place. */
export type SlackEditor = (channel: string, ts: string, message: Message, opts: { idempotencyKey: string }) => Promise<PostReceipt>;

/**
 * Returns the editor: chat.update on the message's ts with the new text and blocks, rendered as
 * posts are. An edit is the same request every time, so a retry by the outbox cannot duplicate
 * anything. A message that no longer fits one Slack message keeps its first part (alerts are short).
 */
export function createSlackEditor(deps: { client: webApi.WebClient; log: Logger }): SlackEditor {
  return async (channel, ts, message, opts) => {
    const [payload, ...rest] = renderSlackMessages(message);
    if (!payload) throw new Error('slack: nothing to edit the message with');
    if (rest.length > 0) deps.log.warn('slack edit cut', { channel, key: opts.idempotencyKey, parts: rest.length + 1 });
    try {
      await deps.client.chat.update({
        channel,
        ts,
        text: payload.text,
        // An empty blocks array would keep the old blocks; the text alone is then the message.
        blocks: payload.blocks.length > 0 ? payload.blocks : [],
        parse: 'none',
        link_names: false,
      });
    } catch (err) {
      throw classifySlackError(err, 'chat.update').error;
    }
    return { platformId: ts };
  };
}
