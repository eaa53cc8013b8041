import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { generateLargeFeed, seededRandom } from '../../bench/generate.js';
import { repairXmlEntities } from '../../src/parse/repair-xml-entities.js';
import { FEED_SLICE_CHARS, feedParserOptions, streamFeedEntries, type RawEntry } from '../../src/parse/stream-feed.js';

const DIR = fileURLToPath(new URL('../fixtures/feeds-realworld/rss-parser/', import.meta.url));
const FEEDS = readdirSync(DIR).filter((name) => name !== 'LICENSE').sort();
const LATIN1 = new Set(['encoding.rss', 'uolNoticias.rss']);

// What rss-parser gives for the whole document at once: the reference the streamed read must equal.
async function wholeDocument(xml: string): Promise<{ items: RawEntry[]; ttl: unknown } | { error: string }> {
  try {
    const feed = await new Parser(feedParserOptions()).parseString(xml);
    return { items: feed.items.map((entry) => withoutItunes(entry)), ttl: (feed as RawEntry)['ttl'] };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

async function streamed(xml: string): Promise<{ items: RawEntry[]; ttl: unknown } | { error: string }> {
  const items: RawEntry[] = [];
  try {
    const ttl = await streamFeedEntries(xml, (entry) => items.push(entry));
    return { items, ttl };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

// rss-parser adds iTunes fields to RSS 2.0 entries after reading them; nothing here reads them.
function withoutItunes(entry: RawEntry): RawEntry {
  const { itunes: _itunes, ...rest } = entry;
  return rest;
}

const rss = (channels: string, after = '') => `<?xml version="1.0"?><rss version="2.0">${channels}</rss>${after}`;
const item = (n: number) => `<item><title>Item ${n} &amp; more</title><link>https://example.org/${n}</link><guid>g${n}</guid><description><![CDATA[<p>Body ${n}</p>]]></description><pubDate>Mon, 02 Sep 2024 10:00:00 GMT</pubDate></item>`;

describe('streamFeedEntries reads exactly what rss-parser reads', () => {
  it.each(FEEDS)('%s', async (name) => {
    const xml = repairXmlEntities(new TextDecoder(LATIN1.has(name) ? 'latin1' : 'utf-8').decode(readFileSync(DIR + name)));
    expect(await streamed(xml)).toEqual(await wholeDocument(xml));
  });

  it.each([
    ['an RSS 2.0 feed with a TTL', rss(`<channel><title>t</title><ttl>90</ttl>${item(1)}${item(2)}</channel>`)],
    ['items of a second channel, which rss-parser ignores', rss(`<channel>${item(1)}</channel><channel>${item(2)}</channel>`)],
    ['an item outside the channel', rss(`<channel>${item(1)}</channel>${item(2)}`)],
    ['text after the root element', rss(`<channel>${item(1)}</channel>`, 'trailing words')],
    ['a byte order mark', `\uFEFF${rss(`<channel>${item(1)}</channel>`)}`],
    ['an RSS 1.0 (RDF) feed', `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"><title>t</title></channel><item rdf:about="https://example.org/a"><title>A</title><link>https://example.org/a</link></item></rdf:RDF>`],
    ['an Atom feed', `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>e1</id><title type="html">A &lt;b&gt;bold&lt;/b&gt;</title><link rel="alternate" href="https://example.org/e1"/><updated>2024-09-02T10:00:00Z</updated><summary>s</summary><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hi</p></div></content></entry><entry><author><name>x</name></author></entry></feed>`],
    ['an empty item', rss('<channel><item/><item></item></channel>')],
    ['an RSS root with no channel', rss('<title>no channel</title>')],
    ['a prefixed Atom root', '<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:entry><a:title>x</a:title></a:entry></a:feed>'],
    ['a truncated document', rss(`<channel>${item(1)}${item(2)}`).slice(0, -30)],
    ['broken markup', rss(`<channel>${item(1)}<item><title>a</titel></item></channel>`)],
    ['only whitespace', '  \n '],
  ])('%s', async (_name, xml) => {
    expect(await streamed(xml)).toEqual(await wholeDocument(xml));
  });

  it('reads a feed far larger than one slice, with astral characters across slice edges, in order', async () => {
    const xml = rss(`<channel>${Array.from({ length: 400 }, (_, n) => item(n).replace('Body', '\u{1F600}'.repeat(n % 7) + 'Body')).join('')}</channel>`);
    expect(xml.length).toBeGreaterThan(4 * FEED_SLICE_CHARS);
    const result = await streamed(xml);
    expect(result).toEqual(await wholeDocument(xml));
    expect('items' in result && result.items.map((e) => e['guid'])).toEqual(Array.from({ length: 400 }, (_, n) => `g${n}`));
  });

  it('yields to the event loop while reading a 5 MiB feed', async () => {
    const xml = generateLargeFeed(seededRandom(3), 5 * 1024 * 1024);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const items: RawEntry[] = [];
    try {
      await streamFeedEntries(xml, (entry) => items.push(entry));
    } finally {
      clearInterval(timer);
    }
    expect(items.length).toBeGreaterThan(1000);
    expect(ticks).toBeGreaterThan(1);
  });
});
