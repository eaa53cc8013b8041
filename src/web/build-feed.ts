/**
 * Atom and JSON Feed documents of tagged items, made with the `feed` library. Entries link to the
 * original item and carry its article and concern tags as categories. The library writes JSON Feed
 * 1.0; the document is lifted to 1.1 (its `authors` arrays and `language`) after the fact.
 */
import type { ConcernRules } from '../knowledge/concern-rules.js';
import { Feed } from 'feed';
import { concernName } from '../deliver/concern-names.js';
import type { ItemDigestFacts } from '../store/deliveries-store.js';
import { escapeHtml, safeHref } from './html.js';

/** Entries one feed carries, newest first. */
export const FEED_ITEMS = 50;

/** What a feed is about and where it lives. */
export interface FeedSpec {
  title: string;
  description: string;
  /** Path without extension, e.g. `/feeds/article/28.4`. */
  path: string;
  /** The page the feed mirrors, e.g. `/article/28.4`. */
  pagePath: string;
}

/** A rendered feed document with what its validators are made from. */
export interface FeedDocument {
  body: string;
  contentType: string;
  /** The newest entry's date (or 0 when empty), for Last-Modified. */
  updatedMs: number;
}

/** Returns the Atom or JSON Feed document for these items (any order; entries are written newest first). */
export function buildFeed(spec: FeedSpec, items: readonly ItemDigestFacts[], format: 'atom' | 'json', baseUrl: string, concerns: ConcernRules): FeedDocument {
  const sorted = [...items].sort((a, b) => b.dateMs - a.dateMs || b.itemId - a.itemId);
  const updatedMs = sorted[0]?.dateMs ?? 0;
  const feed = new Feed({
    id: new URL(spec.path, baseUrl).href,
    title: spec.title,
    description: spec.description,
    link: new URL(spec.pagePath, baseUrl).href,
    language: 'en',
    updated: new Date(updatedMs),
    generator: 'treatywatch',
    feedLinks: { atom: new URL(`${spec.path}.atom`, baseUrl).href, json: new URL(`${spec.path}.json`, baseUrl).href },
    copyright: 'Titles and links belong to their publishers.',
  });
  // The library marks Atom titles and both formats' summaries as HTML, so plain text from a feed is
  // escaped for them; JSON Feed titles are plain text and stay as they are.
  const asTitle = format === 'atom' ? escapeHtml : (text: string) => text;
  for (const item of sorted) {
    const tags = [...item.articles.map((a) => `Article ${a}`), ...item.concerns.map((c) => concernName(concerns, c))];
    feed.addItem({
      // A stable id per item and tracker; the link is the original publication when it has one.
      id: new URL(`/items/${item.itemId}`, baseUrl).href,
      title: asTitle(item.title.trim() || '(untitled)'),
      link: safeHref(item.url) ?? new URL(spec.pagePath, baseUrl).href,
      date: new Date(item.dateMs),
      published: new Date(item.dateMs),
      description: escapeHtml(`${item.sourceName}${tags.length > 0 ? ` · ${tags.join(', ')}` : ''}`),
      author: [{ name: item.sourceName }],
      category: [
        ...item.articles.map((a) => ({ name: `Article ${a}`, term: `article-${a}` })),
        ...item.concerns.map((c) => ({ name: concernName(concerns, c), term: c })),
      ],
    });
  }
  if (format === 'atom') return { body: feed.atom1(), contentType: 'application/atom+xml; charset=utf-8', updatedMs };
  return { body: upgradeJsonFeed(feed.json1()), contentType: 'application/feed+json; charset=utf-8', updatedMs };
}

// JSON Feed 1.1 (https://jsonfeed.org/version/1.1): `author` became `authors` (an array), and a
// feed may say its `language`; everything else the library writes is the same in both versions.
function upgradeJsonFeed(json: string): string {
  const doc = JSON.parse(json) as Record<string, unknown> & { items?: Record<string, unknown>[] };
  const out: Record<string, unknown> = { version: 'https://jsonfeed.org/version/1.1', ...doc, language: 'en' };
  out['version'] = 'https://jsonfeed.org/version/1.1';
  liftAuthor(out);
  out['items'] = (doc.items ?? []).map((item) => liftAuthor({ ...item }));
  return JSON.stringify(out, null, 2);
}

function liftAuthor(obj: Record<string, unknown>): Record<string, unknown> {
  if (obj['author'] !== undefined) {
    obj['authors'] = [obj['author']];
    delete obj['author'];
  }
  return obj;
}
