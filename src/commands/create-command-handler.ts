/**
 * The one command parser every adapter shares: first word -> command -> reply Message. This is a
 * catch site (STYLE): whatever goes wrong becomes a short error reply with the usage line, and the
 * log gets the cause. Commands that change subscriptions or sources are for admins only.
 */
import type { CommandContext, CommandHandler } from '../chat/chat-adapter.js';
import { errorMessage, type Message } from '../chat/message.js';
import type { FetchOptions } from '../fetch/fetch-url.js';
import type { Logger } from '../log.js';
import type { Db } from '../store/db.js';
import type { Knowledge } from '../knowledge/load-knowledge.js';
import { listUnreportedFailures, markFailuresReported } from '../store/deliveries-store.js';
import { findSubscription } from '../store/subscriptions-store.js';
import { readTextLanguage } from '../treaty/official-text-sources.js';
import { answerArticle } from './answer-article.js';
import { answerSearch } from './answer-search.js';
import { answerConcern } from './answer-concern.js';
import { answerDigest } from './answer-digest.js';
import { answerSession } from './answer-session.js';
import { answerSourceChange, answerSources, createFeedUrlCheck, type CheckFeedUrl } from './answer-sources.js';
import { answerStatus } from './answer-status.js';
import { answerSettings, answerSubscribe, answerUnsubscribe } from './answer-subscribe.js';
import { buildHelp, COMMANDS, unknownCommand, usageOf } from './command-usage.js';
import { linkToTracker } from './link-to-tracker.js';

/** What the command handler needs; `checkFeedUrl` defaults to the real fetch-and-parse check. */
export interface CommandDeps {
  db: Db;
  knowledge: Knowledge;
  log: Logger;
  now?: () => number;
  checkFeedUrl?: CheckFeedUrl;
  /** Limits for the check of a URL added from chat (the SSRF guard stays on unless these relax it). */
  fetchOptions?: FetchOptions;
  /** The tracker's public address (TREATYWATCH_PUBLIC_URL): replies link to its pages when set. */
  publicUrl?: string | null;
}

/** Longest command line read; anything longer is refused before parsing. */
export const MAX_COMMAND_CHARS = 1_000;

/** Returns the handler that answers a command line; it never throws. */
export function createCommandHandler(deps: CommandDeps): CommandHandler {
  const now = deps.now ?? Date.now;
  const checkFeedUrl = deps.checkFeedUrl ?? createFeedUrlCheck(deps.fetchOptions);
  return async (text, ctx) => {
    const line = text.trim().replace(/^[/!]/, '').replace(/^treaty\s+/i, '');
    const name = (/^\S*/.exec(line)?.[0] ?? '').toLowerCase();
    const args = line.slice(name.length).trim();
    try {
      if (line.length > MAX_COMMAND_CHARS) return errorMessage('That command is too long.', 'help');
      return linkToTracker(await dispatch(name, args, ctx), deps.publicUrl ?? null, name, args);
    } catch (err) {
      deps.log.error('command failed', { command: name, adapter: ctx.adapter, channel: ctx.channel, error: err });
      return errorMessage(`Sorry, "${name}" failed; the error has been logged.`, usageOf(name));
    }
  };

  async function dispatch(name: string, args: string, ctx: CommandContext): Promise<Message> {
    const entry = COMMANDS.find((c) => c.name === name);
    if (entry?.admin && !ctx.isAdmin) {
      return errorMessage(`Only admins can use "${name}". Ask a channel admin, or see "settings".`);
    }
    const nowMs = now();
    switch (name) {
      case '':
      case 'help':
        return buildHelp(args);
      case 'article':
        return answerArticle(deps.db, deps.knowledge.articles, args, readTextLanguage(findSubscription(deps.db, ctx.adapter, ctx.channel)?.language ?? ''));
      case 'search':
        return args === '' ? errorMessage('What should I search for?', usageOf('search')) : answerSearch(deps.db, deps.knowledge.articles, args);
      case 'concern':
      case 'concerns':
        return answerConcern(deps.knowledge.concerns, args, deps.db);
      case 'digest':
        return answerDigest(deps.db, deps.knowledge.concerns, args, nowMs, findSubscription(deps.db, ctx.adapter, ctx.channel));
      case 'subscribe':
        return answerSubscribe(deps.db, deps.knowledge, args, ctx, nowMs);
      case 'unsubscribe':
      case 'settings':
        if (args !== '') return errorMessage(`"${name}" takes no arguments.`, usageOf(name));
        return name === 'settings' ? answerSettings(deps.db, deps.knowledge.concerns, ctx) : answerUnsubscribe(deps.db, ctx);
      case 'sources':
        return answerSources(deps.db, nowMs);
      case 'source':
        return answerSourceChange(deps.db, args, nowMs, checkFeedUrl);
      case 'session':
        return answerSession(deps.knowledge.calendar, nowMs);
      case 'status':
        return answerStatus(deps.db, nowMs, failureNotes(ctx), args);
      default:
        return unknownCommand(name, args);
    }
  }

  // `status` reports undelivered posts of this channel, once each, like the next digest would.
  function failureNotes(ctx: CommandContext): string[] {
    const sub = findSubscription(deps.db, ctx.adapter, ctx.channel);
    if (!sub) return [];
    const failed = listUnreportedFailures(deps.db, sub.id);
    markFailuresReported(deps.db, failed.map((f) => f.id));
    return failed.map((f) => `A ${f.kind} could not be delivered here: ${f.lastError ?? 'refused'}`);
  }
}
