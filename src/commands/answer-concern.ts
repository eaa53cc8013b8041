import { errorMessage, type Block, type Message, type Span } from '../chat/message.js';
import { findConcernQuote } from '../classify/find-concern-quote.js';
import type { ConcernRules } from '../knowledge/concern-rules.js';
import type { Db } from '../store/db.js';
import { countConcernItems, listRecentConcernItems, type ConcernItem } from '../store/concern-items-store.js';
import { usageOf } from './command-usage.js';

/** How many recent items `concern <id>` lists. */
export const CONCERN_ITEMS_LIMIT = 5;

/** Returns the reply to `concern [id]`: all concern ids with names, or one concern described with its recent items and their quotes. */
export function answerConcern(rules: ConcernRules, args: string, db?: Db): Message {
  const id = args.trim().toLowerCase();
  const concerns = rules.concerns;
  if (id === '') {
    return {
      kind: 'reply',
      summary: `${concerns.length} concerns`,
      blocks: [
        { type: 'heading', text: 'Concerns' },
        { type: 'list', items: concerns.map((c) => [{ text: c.id, code: true }, { text: ` — ${c.name}` }]) },
      ],
      ephemeral: true,
    };
  }
  const concern = concerns.find((c) => c.id === id);
  if (!concern) {
    const near = concerns.filter((c) => c.id.includes(id) || id.includes(c.id.split('-')[0]!)).map((c) => c.id);
    return errorMessage(`"${id}" is not a concern id.${near.length > 0 ? ` Did you mean ${near.join(', ')}?` : ' "concern" lists them.'}`, usageOf('concern'));
  }
  const blocks: Message['blocks'] = [{ type: 'heading', text: `${concern.name} (${concern.id})` }];
  if (concern.description) blocks.push({ type: 'paragraph', spans: [{ text: concern.description }] });
  if (db) blocks.push(...formatRecentItems(db, rules, concern.id));
  return { kind: 'reply', summary: concern.name, blocks, ephemeral: true };
}

function formatRecentItems(db: Db, rules: ConcernRules, concern: string): Block[] {
  const total = countConcernItems(db, concern);
  if (total === 0) return [{ type: 'context', spans: [{ text: 'No tracked items raise this concern yet.' }] }];
  const items = listRecentConcernItems(db, concern, CONCERN_ITEMS_LIMIT);
  return [
    { type: 'context', spans: [{ text: `${total} tracked item${total === 1 ? ' raises' : 's raise'} this concern; the latest:` }] },
    { type: 'list', items: items.map((item) => formatItem(item, rules, concern)) },
  ];
}

// The quote comes from the page's text when it was read in full, else from the feed summary.
function formatItem(item: ConcernItem, rules: ConcernRules, concern: string): Span[] {
  const date = new Date(item.dateMs).toISOString().slice(0, 10);
  const title: Span = item.url ? { text: item.title || item.url, url: item.url } : { text: item.title || '(untitled)' };
  const quote = findConcernQuote(item.fullText ?? '', concern, rules) ?? findConcernQuote(`${item.title}.\n${item.summary}`, concern, rules);
  const spans: Span[] = [title, { text: ` (${item.sourceName}, ${date})` }];
  if (quote) spans.push({ text: ': ' }, { text: `“${quote}”`, italic: true });
  return spans;
}
