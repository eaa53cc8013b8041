import type { App } from '@slack/bolt';
import type { CommandContext, CommandHandler, CommandsSeen } from '../../src/chat/chat-adapter.js';
import { errorMessage, type Message } from '../../src/chat/message.js';
import { describeError, type Logger } from '../../src/log.js';
import type { SlackAdminCheck } from './slack-admins.js';
import { renderSlackMessages } from './render-slack-message.js';

/** How long we wait for Slack to take a reply posted to a command's response_url. */
export const RESPOND_TIMEOUT_MS = 10_000;

/** The command line and visibility a slash command asks for. */
export interface SlashRequest {
  /** The command as the handler reads it: "article 28.4", "digest today". */
  text: string;
  /** True when the user added `--public` (or a final `public` to /article): answer in the channel. */
  public: boolean;
}

/**
 * Returns the handler's command line for a slash command: `/article 28.4` -> "article 28.4",
 * `/treaty digest today` -> "digest today", an empty `/treaty` -> "help". `--public` anywhere asks
 * for an in-channel answer; for /article a last word `public` does too (no article ref is a word),
 * but not for /treaty, where `search public order` must keep its words.
 */
export function parseSlashCommand(command: string, rawText: string): SlashRequest {
  const words = rawText.trim().split(/\s+/).filter((w) => w !== '');
  let wantsPublic = false;
  const kept = words.filter((w) => {
    const flag = w.toLowerCase() === '--public';
    wantsPublic ||= flag;
    return !flag;
  });
  const name = command.replace(/^\//, '').toLowerCase();
  if (name === 'article' && kept.length > 1 && kept[kept.length - 1]!.toLowerCase() === 'public') {
    kept.pop();
    wantsPublic = true;
  }
  const rest = kept.join(' ');
  if (name === 'article') return { text: rest ? `article ${rest}` : 'article', public: wantsPublic };
  return { text: rest || 'help', public: wantsPublic };
}

/** Returns true when a reply should be visible to the whole channel: asked for, and not an error. */
export function isInChannelReply(message: Message, asked: boolean): boolean {
  if (message.kind === 'error') return false;
  return asked || message.ephemeral === false;
}

/** Registers /article and /treaty on the app: ack at once, run the handler, answer via respond. */
export function registerSlashCommands(
  app: App,
  deps: { onCommand: CommandHandler; seen: CommandsSeen; admins: SlackAdminCheck; log: Logger },
): void {
  for (const name of ['/article', '/treaty']) {
    app.command(name, async ({ command, ack, respond }) => {
      // Slack shows the user an error unless the request is acknowledged within 3 seconds.
      await ack();
      if (command.trigger_id && !deps.seen.markSeen(`command:${command.trigger_id}`)) {
        deps.log.info('slack command repeat ignored', { channel: command.channel_id });
        return;
      }
      const request = parseSlashCommand(command.command, command.text ?? '');
      const ctx: CommandContext = {
        adapter: 'slack',
        channel: command.channel_id,
        userId: command.user_id,
        isAdmin: await deps.admins.isAdmin(command.user_id),
      };
      const started = Date.now();
      let reply: Message;
      try {
        reply = await deps.onCommand(request.text, ctx);
      } catch (err) {
        // The handler promises not to throw; if it does, the user still gets an answer.
        deps.log.error('slack command failed', { channel: ctx.channel, error: err });
        reply = errorMessage('Something went wrong while answering that. Please try again in a minute.');
      }
      const responseType = isInChannelReply(reply, request.public) ? 'in_channel' : 'ephemeral';
      try {
        for (const payload of renderSlackMessages(reply)) {
          await withTimeout(respond({ response_type: responseType, replace_original: false, ...payload }), RESPOND_TIMEOUT_MS);
        }
        deps.log.info('slack command answered', { channel: ctx.channel, duration_ms: Date.now() - started });
      } catch (err) {
        deps.log.error('slack respond failed', { channel: ctx.channel, error: describeError(err) });
      }
    });
  }
}

/** Returns a Bolt global middleware that drops repeated deliveries of the same event id. */
export function dropRepeatedEvents(seen: CommandsSeen, log: Logger): Parameters<App['use']>[0] {
  return async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !seen.markSeen(`event:${eventId}`)) {
      log.info('slack event repeat ignored', { event_id: eventId });
      return;
    }
    await next();
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`slack: respond took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
