/**
 * Digest building, pure. Rules, in order: (1) a treaty action (a state's signature or consent to be
 * bound, read from the treaty record) is its own story, keyed by state, action and date, though every
 * action shares the record's URL; (2) any other story from several outlets becomes one entry (same
 * canonical URL, or the same title words once site suffixes, punctuation and word order are dropped), with every
 * source named; (3) treaty actions come first, all of them, under "Treaty status" with the running
 * totals; (4) the other entries are grouped by their first concern in taxonomy order, or by their
 * first article, with a last group for the rest; (5) newest first within a group; (6) at most
 * MAX_DIGEST_ENTRIES other entries, then "and N more"; (7) no items means no digest (null), unless
 * the caller asks for a "nothing new" answer.
 */
import type { ItemDigestFacts } from '../store/deliveries-store.js';
import type { GroupBy } from '../store/subscriptions-store.js';
import { concernName } from './concern-names.js';
import type { ConcernRules } from '../knowledge/concern-rules.js';
import type { Block, Message, MessageKind, Span } from '../chat/message.js';

/** Most entries one digest lists before "and N more" (keeps Slack under its 50-block limit). */
export const MAX_DIGEST_ENTRIES = 25;

/** One story: an item, or several items from different outlets about the same thing. */
export interface DigestEntry {
  title: string;
  url: string | null;
  sources: string[];
  dateMs: number;
  articles: string[];
  concerns: string[];
  itemIds: number[];
  /** Set when the entry is a treaty action. */
  treatyAction?: ItemDigestFacts['treatyAction'];
}

export interface DigestOptions {
  title: string;
  /** The concern taxonomy: group order and names. */
  concerns: ConcernRules;
  groupBy: GroupBy;
  timeZone: string;
  kind?: MessageKind;
  maxEntries?: number;
  /** Lines shown under the heading, e.g. posts that could not be delivered. */
  notes?: string[];
  /** When set and there is nothing to show, the digest says this instead of being skipped. */
  nothingNewText?: string;
  /** The treaty's running totals ("42 signatories, 3 parties; 37 ratifications to go"), shown under "Treaty status". */
  treatyTotals?: string;
}

/** The heading of the group listing signatures and ratifications. */
export const TREATY_STATUS_HEADING = 'Treaty status';

/** Returns the digest Message for these items, or null when there is nothing to say. */
export function buildDigest(items: readonly ItemDigestFacts[], opts: DigestOptions): Message | null {
  const entries = collapseStories(items);
  const notes = opts.notes ?? [];
  if (entries.length === 0 && notes.length === 0 && opts.nothingNewText === undefined) return null;
  const blocks: Block[] = [{ type: 'heading', text: opts.title }];
  for (const note of notes) blocks.push({ type: 'context', spans: [{ text: note, italic: true }] });
  if (entries.length === 0) {
    blocks.push({ type: 'paragraph', spans: [{ text: opts.nothingNewText ?? 'Nothing new.' }] });
    return { kind: opts.kind ?? 'digest', summary: `${opts.title}: nothing new`, blocks };
  }
  const actions = entries.filter((e) => e.treatyAction);
  const others = entries.filter((e) => !e.treatyAction);
  if (actions.length > 0) {
    // Official actions are never cut: missing one is the failure this bot exists to prevent.
    blocks.push({ type: 'heading', text: TREATY_STATUS_HEADING });
    if (opts.treatyTotals) blocks.push({ type: 'context', spans: [{ text: opts.treatyTotals }] });
    blocks.push({ type: 'list', items: actions.map((e) => entrySpans(e, opts.timeZone)) });
  }
  const max = opts.maxEntries ?? MAX_DIGEST_ENTRIES;
  let shown = 0;
  for (const group of groupEntries(others, opts.groupBy, opts.concerns)) {
    const take = group.entries.slice(0, Math.max(0, max - shown));
    if (take.length === 0) break;
    shown += take.length;
    blocks.push({ type: 'heading', text: group.label });
    blocks.push({ type: 'list', items: take.map((e) => entrySpans(e, opts.timeZone)) });
  }
  if (others.length > shown) blocks.push({ type: 'context', spans: [{ text: `and ${others.length - shown} more` }] });
  const count = entries.length === 1 ? '1 story' : `${entries.length} stories`;
  return { kind: opts.kind ?? 'digest', summary: `${opts.title}: ${count}`, blocks };
}

/**
 * Returns the items as stories, the same story from several outlets merged into one entry. Each
 * story is found by hash lookups (its first item's canonical URL, its title key, or for a treaty
 * action its state, action and date), so collapsing n items costs O(n), not a scan of every story so far.
 */
export function collapseStories(items: readonly ItemDigestFacts[]): DigestEntry[] {
  const entries: DigestEntry[] = [];
  const byUrl = new Map<string, number>();
  const byTitle = new Map<string, number>();
  const byAction = new Map<string, number>();
  const sorted = [...items].sort((a, b) => a.dateMs - b.dateMs || a.itemId - b.itemId);
  for (const item of sorted) {
    const action = item.treatyAction ?? null;
    let at: number | undefined;
    let keys: [Map<string, number>, string][];
    if (action) {
      keys = [[byAction, `${action.participant}\u0000${action.action}\u0000${action.date}`]];
      at = byAction.get(keys[0]![1]);
    } else {
      const url = item.canonicalUrl ?? item.url;
      const title = titleKey(item.title);
      keys = [];
      if (url !== null) keys.push([byUrl, url]);
      if (title !== null) keys.push([byTitle, title]);
      // The story started first wins when the URL and the title point at different ones.
      for (const [map, key] of keys) {
        const found = map.get(key);
        if (found !== undefined && (at === undefined || found < at)) at = found;
      }
    }
    const same = at === undefined ? undefined : entries[at];
    if (same) {
      if (!same.sources.includes(item.sourceName)) same.sources.push(item.sourceName);
      same.articles = union(same.articles, item.articles);
      same.concerns = union(same.concerns, item.concerns);
      same.itemIds.push(item.itemId);
      continue;
    }
    for (const [map, key] of keys) map.set(key, entries.length);
    entries.push({
      title: item.title.trim() || '(untitled)', url: item.url, sources: [item.sourceName], dateMs: item.dateMs,
      articles: [...item.articles], concerns: [...item.concerns], itemIds: [item.itemId],
      ...(action ? { treatyAction: action } : {}),
    });
  }
  return entries.sort((a, b) => b.dateMs - a.dateMs);
}

function groupEntries(entries: readonly DigestEntry[], groupBy: GroupBy, concerns: ConcernRules): { label: string; entries: DigestEntry[] }[] {
  const order = groupBy === 'concern' ? concerns.concerns.map((c) => c.id) : [];
  const keyOf = (e: DigestEntry): string | null => {
    if (groupBy === 'article') return e.articles.length > 0 ? e.articles.map((a) => a.split('.')[0]!).sort((a, b) => Number(a) - Number(b))[0]! : null;
    const sorted = [...e.concerns].sort((a, b) => rank(order, a) - rank(order, b));
    return sorted[0] ?? null;
  };
  const groups = new Map<string | null, DigestEntry[]>();
  for (const e of entries) {
    const key = keyOf(e);
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const keys = [...groups.keys()].sort((a, b) => {
    if (a === null) return 1;
    if (b === null) return -1;
    return groupBy === 'article' ? Number(a) - Number(b) : rank(order, a) - rank(order, b);
  });
  return keys.map((key) => ({
    label: key === null ? (groupBy === 'article' ? 'No article cited' : 'Other') : groupBy === 'article' ? `Article ${key}` : concernName(concerns, key),
    entries: groups.get(key)!,
  }));
}

function rank(order: readonly string[], id: string): number {
  const i = order.indexOf(id);
  return i === -1 ? order.length : i;
}

/** Returns one entry as a list line: title (link), sources, date, article tags. */
export function entrySpans(e: DigestEntry, timeZone: string): Span[] {
  const spans: Span[] = [e.url ? { text: e.title, url: e.url } : { text: e.title }];
  const details = [e.sources.join(', '), formatDate(e.dateMs, timeZone)];
  if (e.articles.length > 0) details.push(`Art. ${e.articles.join(', ')}`);
  spans.push({ text: ` — ${details.join(' · ')}` });
  return spans;
}

/** Returns YYYY-MM-DD for an instant in a time zone. */
export function formatDate(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

/**
 * Returns the key two titles of the same story share, or null for a title with no words. Outlets
 * append their own name ("... | EFF", "... - Human Rights Watch"), which is dropped; then case,
 * accents, punctuation, one-letter words, repeats and word order are ignored.
 */
export function titleKey(title: string): string | null {
  const base = title.replace(/\s+[|–—-]\s+[^|–—-]{2,40}$/, '');
  const words = base.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter((w) => w.length > 1);
  return words.length === 0 ? null : [...new Set(words)].sort().join(' ');
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}
