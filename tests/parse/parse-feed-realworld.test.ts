import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/parse/parse-feed.js';

// Real feeds from rss-parser's own test suite (MIT; see the folder's README and LICENSE).
const DIR = fileURLToPath(new URL('../fixtures/feeds-realworld/rss-parser/', import.meta.url));
const FEEDS = readdirSync(DIR).filter((name) => name !== 'LICENSE').sort();

// Genuinely broken inputs, and why.
const BROKEN: Record<string, RegExp> = {
  // A captured "Document Moved" HTML fragment (`<head>…<body>`), not a feed at all.
  'unrecognized.rss': /^parse: not a feed \(root element <head>\)$/,
};
// Its only entry is `<entry><author></author></entry>`: nothing to show, so no item.
const EMPTY = new Set(['incomplete-fields.atom']);
// Served as ISO-8859-1 (declared in the prolog, or only in the HTTP header); the fetcher decodes
// bodies by charset before parsing, so the test does the same.
const LATIN1 = new Set(['encoding.rss', 'uolNoticias.rss']);

function readFeed(name: string): string {
  const bytes = readFileSync(DIR + name);
  return new TextDecoder(LATIN1.has(name) ? 'latin1' : 'utf-8').decode(bytes);
}

function countEntries(body: string): number {
  return (body.match(/<(?:item|entry)[\s>]/g) ?? []).length;
}

describe('parseFeed on real-world feeds', () => {
  it('finds the whole fixture folder', () => {
    expect(FEEDS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(FEEDS.filter((name) => !(name in BROKEN)))('parses %s into one item per entry, each with something to show', async (name) => {
    const body = readFeed(name);
    const parsed = await parseFeed(body, { url: 'https://feeds.example.org/' + name });
    const expected = EMPTY.has(name) ? 0 : countEntries(body);
    expect(parsed.items).toHaveLength(expected);
    for (const item of parsed.items) {
      expect(item.guid !== null || item.url !== null).toBe(true);
      if (item.url !== null) expect(item.url).toMatch(/^https?:\/\//);
      expect(item.title).not.toMatch(/<[a-z]/i);
      expect(item.text).not.toContain('\uFFFD');
      expect(item.kind).toBe('post');
    }
  });

  it.each(Object.entries(BROKEN))('rejects %s with a clear error', async (name, message) => {
    await expect(parseFeed(readFeed(name), { url: 'https://feeds.example.org/' + name })).rejects.toThrow(message);
  });

  it('reads dates in the real formats they come in', async () => {
    const guardian = await parseFeed(readFeed('guardian.rss'), { url: 'https://www.theguardian.com/rss' });
    const rdf = await parseFeed(readFeed('rss-1.rss'), { url: 'https://science.example.org/rss' });
    expect(guardian.items.every((item) => item.publishedAtMs !== null)).toBe(true);
    expect(rdf.items[0]?.publishedAtMs).toBe(Date.parse('2017-06-15T10:29:47-07:00'));
  });

  it('decodes a Latin-1 feed without replacement characters', async () => {
    const parsed = await parseFeed(readFeed('encoding.rss'), { url: 'https://www.jn.pt/rss' });
    expect(parsed.items[0]?.title).toBe('Mãe de utente é a nova presidente da Raríssimas');
  });
});
