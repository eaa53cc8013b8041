import type { ParsedItem, ParsedSource } from '../domain.js';
import { capText, firstWords, htmlToText, toOneLine } from './html-to-text.js';
import { inspectXmlInSlices, isHtmlRoot } from './inspect-xml.js';
import { parseDateMs } from './parse-date.js';
import { repairXmlEntitiesInSlices } from './repair-xml-entities.js';
import { resolveHttpUrl } from './resolve-url.js';
import { ParseError } from './parse-error.js';
import { FEED_YIELD_MS, streamFeedEntries, type RawEntry } from './stream-feed.js';

/** Longest summary kept: enough for a digest line and the classifier's first look. */
export const MAX_SUMMARY_CHARS = 500;
/** Longest body text kept per item; longer articles are cut, the link has the rest. */
export const MAX_TEXT_CHARS = 20_000;
// Markup is parsed only this far: 20k characters of text never need more, and a huge entry stays cheap.
const MAX_HTML_CHARS = 200_000;
const MAX_TITLE_CHARS = 300;
const FALLBACK_TITLE_WORDS = 12;

type FeedFormat = 'rss' | 'rdf' | 'atom';
/** Takes items while a feed is still being read; the parse waits for it before reading on. */
export type ParsedItemSink = (items: ParsedItem[]) => Promise<void>;

/**
 * Returns the items of an RSS 2.0, RSS 1.0/RDF or Atom document; throws `parse: ...` for anything
 * else or anything hostile. The feed is read entry by entry, yielding to the event loop between
 * slices, so a 5 MiB feed neither holds the loop nor is held whole as a tree. With a `sink`, the
 * items read so far are handed to it at each pause and the rest once the feed has parsed, and the
 * result's `items` is empty: a large feed's items need not all be held at once.
 */
export async function parseFeed(body: string, ctx: { url: string }, sink?: ParsedItemSink): Promise<ParsedSource> {
  const format = detectFeedFormat((await inspectXmlInSlices(body, FEED_YIELD_MS)).rootName);
  const repaired = await repairXmlEntitiesInSlices(body, FEED_YIELD_MS);
  const items: ParsedItem[] = [];
  let sinkFailed = false;
  const handOn = async () => {
    if (!sink || items.length === 0) return;
    try {
      await sink(items.splice(0));
    } catch (err) {
      sinkFailed = true;
      throw err;
    }
  };
  let ttl: unknown;
  try {
    ttl = await streamFeedEntries(repaired, (entry) => {
      const item = toParsedItem(entry, format, ctx.url);
      // An entry with no id, link, title or text (`<entry><author/></entry>`) has nothing to show or to key on.
      if (item.guid !== null || item.url !== null || item.title !== '' || item.text !== '') items.push(item);
    }, sink && handOn);
  } catch (cause) {
    // A failing sink is not asked again, and its error is its own, not the feed's.
    if (sinkFailed) throw cause;
    // A feed broken part-way still hands on every entry read before the break.
    await handOn();
    throw new ParseError(`parse: malformed feed: ${firstLine(cause)}`, { cause });
  }
  await handOn();
  return { items, ttlMs: readTtlMs(ttl) };
}

function detectFeedFormat(rootName: string): FeedFormat {
  if (isHtmlRoot(rootName)) throw new ParseError('parse: not a feed (got an HTML page)');
  const local = rootName.slice(rootName.indexOf(':') + 1);
  if (local === 'rss') return 'rss';
  if (local === 'RDF') return 'rdf';
  if (local === 'feed') return 'atom';
  throw new ParseError(`parse: not a feed (root element <${rootName.slice(0, 40)}>)`);
}

function toParsedItem(entry: RawEntry, format: FeedFormat, feedUrl: string): ParsedItem {
  // rss-parser puts RSS `<description>` in `content`, but Atom `<content>` there too.
  const summaryHtml = format === 'atom' ? text(entry['summary']) ?? text(entry['content']) : text(entry['content']);
  const bodyHtml = format === 'atom' ? text(entry['content']) ?? text(entry['summary']) : text(entry['content:encoded']) ?? text(entry['content']);
  const bodyText = htmlToText((bodyHtml ?? '').slice(0, MAX_HTML_CHARS), MAX_TEXT_CHARS);
  // Most RSS items have only a description: parse it once.
  const summary =
    summaryHtml === bodyHtml ? capText(bodyText, MAX_SUMMARY_CHARS) : htmlToText((summaryHtml ?? '').slice(0, MAX_HTML_CHARS / 10), MAX_SUMMARY_CHARS);
  const guid = text(entry['guid']) ?? text(entry['id']) ?? text(entry['rdf:about']);
  const url = resolveHttpUrl(text(entry['link']), feedUrl) ?? (guid !== null && /^https?:\/\//i.test(guid) ? resolveHttpUrl(guid, feedUrl) : null);
  return {
    guid: guid === null ? null : guid.trim(),
    url,
    title: readTitle(text(entry['title']), summary || bodyText),
    summary,
    text: bodyText,
    author: readAuthor(entry),
    publishedAtMs: readPublishedMs(entry),
    kind: 'post',
  };
}

// Titles are decoded once by the XML parser; WordPress and others often escape twice (`&amp;#8217;`).
function readTitle(raw: string | null, fallbackText: string): string {
  const title = capText(toOneLine(htmlToText(raw ?? '', MAX_TITLE_CHARS * 2)), MAX_TITLE_CHARS);
  return title !== '' ? title : firstWords(fallbackText, FALLBACK_TITLE_WORDS, MAX_TITLE_CHARS);
}

function readAuthor(entry: RawEntry): string | null {
  const author = text(entry['creator']) ?? text(entry['author']) ?? text(entry['dc:creator']);
  const line = author === null ? '' : toOneLine(author);
  return line === '' ? null : capText(line, 200);
}

function readPublishedMs(entry: RawEntry): number | null {
  for (const key of ['pubDate', 'published', 'date', 'dc:date', 'isoDate', 'updated']) {
    const ms = parseDateMs(text(entry[key]));
    if (ms !== null) return ms;
  }
  return null;
}

function readTtlMs(value: unknown): number | null {
  const raw = text(value);
  if (raw === null || !/^\s*\d{1,7}\s*$/.test(raw)) return null;
  const minutes = Number(raw);
  return minutes > 0 ? minutes * 60_000 : null;
}

// xml2js yields a string for a plain element, `{ _: text, $: attrs }` when it has attributes,
// and other shapes for nested markup; only text is taken.
function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && '_' in value) {
    const inner = (value as { _: unknown })._;
    if (typeof inner === 'string') return inner;
  }
  return null;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
