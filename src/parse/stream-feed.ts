/**
 * Reads a feed entry by entry, in slices, yielding to the event loop between them. It uses
 * rss-parser's own XML parser (xml2js over sax, with the same options) and its own entry readers,
 * so every entry comes out exactly as `parser.parseString` would give it. The difference is that
 * each entry is handed to `onEntry` as soon as it closes and then dropped from the document tree.
 * A 5 MiB feed therefore never exists as one tree, and no slice holds the loop for long.
 */
import Parser from 'rss-parser';
import { parseDateMs } from './parse-date.js';

/** One entry as rss-parser reads it. */
export type RawEntry = Record<string, unknown>;
/** Characters handed to the XML parser per write; the time check runs between writes. */
export const FEED_SLICE_CHARS = 16 * 1024;
/** How long reading a feed may hold the event loop before it yields. */
export const FEED_YIELD_MS = 8;

const DATE_ELEMENTS = new Set(['published', 'updated', 'pubDate', 'dc:date']);
// Where rss-parser finds entries: RSS 0.9x/2.0 (first channel only), RSS 1.0 (RDF), Atom.
const ENTRY_PATHS = { rss: '/rss/channel/item', rdf: '/rdf:RDF/item', atom: '/feed/entry' } as const;

type Validator = (xpath: string, previous: unknown, node: unknown) => unknown;
type XmlNode = Record<string, unknown[] | undefined>;
// The parts of rss-parser used here that its typings leave out: the xml2js parser it builds from
// the `xml2js` options, its Atom entry reader, and `buildRSS`, which reads RSS entries with the
// field list rss-parser assembles for itself.
interface ParserInternals {
  xmlParser: {
    saxParser: { write(text: string): unknown; close(): unknown };
    on(event: 'end', listener: (result: unknown) => void): unknown;
    on(event: 'error', listener: (err: unknown) => void): unknown;
  };
  parseItemAtom(entry: unknown): RawEntry;
  buildRSS(channel: object, items: unknown[]): { items: RawEntry[] };
}

/** The options every feed is read with; `validator` is the hook that takes entries out as they close. */
export function feedParserOptions(validator?: Validator): Parser.ParserOptions<RawEntry, RawEntry> {
  return {
    // `<rss>` without a version attribute is still RSS 2.0 in practice.
    defaultRSS: 2,
    customFields: { item: ['id', 'published', 'updated'] },
    xml2js: {
      // rss-parser calls `new Date(x).toISOString()` on Atom dates and would throw for the whole
      // feed on one bad date; an unreadable date is blanked here and becomes null later.
      valueProcessors: [(value: string, name: string) => (DATE_ELEMENTS.has(name) && parseDateMs(value) === null ? '' : value)],
      ...(validator ? { validator } : {}),
    } as Parser.ParserOptions<RawEntry, RawEntry>['xml2js'],
  };
}

/**
 * Reads every entry of `xml` in document order, calling `onEntry` for each, and returns the
 * channel's raw `ttl` (or undefined). Rejects as `parser.parseString` would: with the XML error,
 * or with rss-parser's own message for a root it does not know.
 */
export async function streamFeedEntries(xml: string, onEntry: (entry: RawEntry) => void, atPause?: () => Promise<void>): Promise<unknown> {
  let channelsClosed = 0;
  let broken = false;
  let internals: ParserInternals | null = null;
  const validator: Validator = (xpath, _previous, node) => {
    // After an error the XML parser closes what is still open; an entry closed that way is cut short.
    if (broken) return '';
    if (xpath === '/rss/channel') channelsClosed++;
    if (xpath === ENTRY_PATHS.atom) onEntry(internals!.parseItemAtom(node));
    else if (xpath === ENTRY_PATHS.rdf || (xpath === ENTRY_PATHS.rss && channelsClosed === 0)) {
      onEntry(internals!.buildRSS({}, [node]).items[0]!);
    } else return node;
    // The entry is read: an empty string is all that stays in the tree in its place.
    return '';
  };
  internals = new Parser(feedParserOptions(validator)) as unknown as ParserInternals;
  internals.xmlParser.on('error', () => (broken = true));
  const result = await writeInSlices(internals.xmlParser, xml, atPause);
  return readChannelTtl(result);
}

/**
 * Feeds the text to the XML parser a slice at a time, yielding to the event loop (then awaiting
 * `atPause`) between slices; resolves with the document tree when the root closes.
 */
async function writeInSlices(xmlParser: ParserInternals['xmlParser'], xml: string, atPause?: () => Promise<void>): Promise<unknown> {
  let ended = false;
  let result: unknown = null;
  let error: unknown = null;
  xmlParser.on('end', (tree) => {
    ended = true;
    result = tree;
  });
  // Errors after the root closed (text trailing the document) are ignored, as parseString does.
  xmlParser.on('error', (err) => {
    if (!ended) error ??= err;
  });
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  if (text.trim() === '') return null;
  let at = 0;
  while (at < text.length && error === null && !ended) {
    const started = performance.now();
    do {
      let end = Math.min(text.length, at + FEED_SLICE_CHARS);
      // Never split a surrogate pair between two writes.
      if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end++;
      xmlParser.saxParser.write(text.slice(at, end));
      at = end;
    } while (at < text.length && error === null && !ended && performance.now() - started < FEED_YIELD_MS);
    if (at < text.length && error === null && !ended) {
      await new Promise((resolve) => setImmediate(resolve));
      await atPause?.();
    }
  }
  if (error === null && !ended) xmlParser.saxParser.close();
  if (error !== null) throw error;
  return result;
}

// rss-parser's choice of feed type, and where it reads the TTL: Atom has none; RSS 2.0, 0.9x and
// 1.0 read `<ttl>` from the first channel, and a missing channel is an error there too.
function readChannelTtl(result: unknown): unknown {
  if (!result || typeof result !== 'object') throw new Error('Unable to parse XML.');
  const root = result as Record<string, unknown>;
  if (root['feed']) return undefined;
  const top = (root['rss'] ?? root['rdf:RDF']) as XmlNode | '' | undefined;
  if (!top) throw new Error('Feed not recognized as RSS 1 or 2.');
  const channel = top.channel?.[0] as XmlNode | undefined;
  if (channel === undefined) throw new Error("Cannot read properties of undefined (reading '0')");
  return channel.ttl?.[0];
}
