import { formatDate } from '../deliver/build-digest.js';
import { concernName } from '../deliver/concern-names.js';
import { errorMessage, textMessage, type Message } from '../chat/message.js';
import { nextCronTime } from '../deliver/next-cron-time.js';
import type { CommandContext } from '../chat/chat-adapter.js';
import type { ConcernRules } from '../knowledge/concern-rules.js';
import type { Knowledge } from '../knowledge/load-knowledge.js';
import type { Db } from '../store/db.js';
import { deleteSubscription, findSubscription, upsertSubscription, type Subscription } from '../store/subscriptions-store.js';
import { listSources } from '../store/sources-store.js';
import { usageOf } from './command-usage.js';
import { parseSubscribe } from './parse-subscribe.js';
import { didYouMean } from './suggest-name.js';

/** Returns the reply to `subscribe <clauses>`: the channel's settings after the change. */
export function answerSubscribe(db: Db, knowledge: Pick<Knowledge, 'articles' | 'concerns'>, args: string, ctx: CommandContext, nowMs: number): Message {
  const parsed = parseSubscribe(knowledge, args, findSubscription(db, ctx.adapter, ctx.channel)?.digestTimeZone ?? 'UTC');
  if (!parsed.ok) return errorMessage(parsed.error, usageOf('subscribe'));
  const settings = parsed.settings;
  const known = listSources(db).map((s) => s.id);
  const unknown = (settings.filterSources ?? []).find((id) => !known.includes(id));
  if (unknown !== undefined) {
    return errorMessage(`"${unknown}" is not one of our sources.${didYouMean(unknown, known)} "sources" lists them.`, usageOf('subscribe'));
  }
  if (settings.digestCron) settings.nextDigestAtMs = nextCronTime(settings.digestCron, settings.digestTimeZone ?? 'UTC', nowMs);
  const sub = upsertSubscription(db, ctx.adapter, ctx.channel, settings, nowMs);
  return describeSubscription(sub, knowledge.concerns, 'Subscribed. This channel now gets:');
}

/** Returns the reply to `unsubscribe`. */
export function answerUnsubscribe(db: Db, ctx: CommandContext): Message {
  return deleteSubscription(db, ctx.adapter, ctx.channel)
    ? textMessage('reply', 'Unsubscribed: this channel gets no more digests or alerts.')
    : textMessage('reply', 'This channel was not subscribed.', { ephemeral: true });
}

/** Returns the reply to `settings`. */
export function answerSettings(db: Db, concerns: ConcernRules, ctx: CommandContext): Message {
  const sub = findSubscription(db, ctx.adapter, ctx.channel);
  if (!sub) return textMessage('reply', 'This channel is not subscribed; "subscribe" starts the daily digest and alerts.', { ephemeral: true });
  return describeSubscription(sub, concerns, "This channel's subscription:");
}

/** Returns a subscription as a reply listing each setting. */
export function describeSubscription(sub: Subscription, concerns: ConcernRules, heading: string): Message {
  const digest = sub.digestCron === null
    ? 'off'
    : `${describeCron(sub.digestCron)} (${sub.digestTimeZone})${sub.nextDigestAtMs !== null ? `, next ${formatDate(sub.nextDigestAtMs, sub.digestTimeZone)} ${formatTime(sub.nextDigestAtMs, sub.digestTimeZone)}` : ''}`;
  const any = (l: string[], name: (v: string) => string = (v) => v) => (l.length === 0 ? 'any' : l.map(name).join(', '));
  return {
    kind: 'reply',
    summary: heading,
    blocks: [
      { type: 'paragraph', spans: [{ text: heading }] },
      {
        type: 'fields',
        fields: [
          { label: 'Digest', value: digest },
          { label: 'Alerts', value: sub.alerts ? 'on (official documents, signatures, ratifications)' : 'off' },
          { label: 'Session weeks', value: sub.sessionMode ? 'on (every matching item as an alert, plus an evening wrap-up)' : 'off' },
          { label: 'Articles', value: any(sub.filterArticles) },
          { label: 'Concerns', value: any(sub.filterConcerns, (id) => concernName(concerns, id)) },
          { label: 'Sources', value: any(sub.filterSources) },
          { label: 'Grouped by', value: sub.groupBy },
          { label: 'Official text in', value: sub.language ?? 'en' },
        ],
      },
    ],
  };
}

function describeCron(cron: string): string {
  const m = /^(\d+) (\d+) \* \* (\*|\d)$/.exec(cron);
  if (!m) return `cron "${cron}"`;
  const time = `${m[2]!.padStart(2, '0')}:${m[1]!.padStart(2, '0')}`;
  return m[3] === '*' ? `daily at ${time}` : `weekly on ${['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][Number(m[3]) % 7]} at ${time}`;
}

function formatTime(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
}
