import { afterAll, describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/parse/parse-feed.js';

const CTX = { url: 'https://feeds.example.org/rss.xml' };
const prototypeKeysBefore = Object.getOwnPropertyNames(Object.prototype).sort();

function rss(items: string, prolog = ''): string {
  return `<?xml version="1.0"?>${prolog}<rss version="2.0"><channel><title>t</title>${items}</channel></rss>`;
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><item><title>&lol9;</title></item></channel></rss>`;

const EXTERNAL_ENTITY = `<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<rss version="2.0"><channel><item><title>&xxe;</title></item></channel></rss>`;

describe('parseFeed on hostile input', () => {
  afterAll(() => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeysBefore);
  });

  it('refuses an entity bomb instead of expanding it', async () => {
    await expect(parseFeed(BILLION_LAUGHS, CTX)).rejects.toThrow(/^parse: DOCTYPE with an internal subset refused/);
  });

  it('refuses an external entity and never reads the file it names', async () => {
    const error = await parseFeed(EXTERNAL_ENTITY, CTX).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^parse: DOCTYPE/);
    expect((error as Error).message).not.toContain('root:');
  });

  it('accepts a plain external DOCTYPE, which nothing fetches', async () => {
    const body = rss('<item><title>Old school</title></item>', '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">');
    const parsed = await parseFeed(body, CTX);
    expect(parsed.items.map((i) => i.title)).toEqual(['Old school']);
  });

  it('does not let __proto__, constructor or prototype elements pollute Object.prototype', async () => {
    const body = rss(
      '<item><title>t</title><__proto__><polluted>yes</polluted></__proto__>' +
        '<constructor><prototype><polluted>yes</polluted></prototype></constructor></item>' +
        '<__proto__><polluted>yes</polluted></__proto__>',
    );
    const parsed = await parseFeed(body, CTX);
    expect(parsed.items).toHaveLength(1);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeysBefore);
  });

  it('refuses 10,000 levels of nesting before the XML parser sees it', async () => {
    const deep = '<a>'.repeat(10_000) + '</a>'.repeat(10_000);
    await expect(parseFeed(rss(`<item><title>x</title>${deep}</item>`), CTX)).rejects.toThrow(/^parse: elements nested deeper than 200 levels/);
  });

  it('does not let stray close tags hide deep nesting that follows', async () => {
    const body = '</a>'.repeat(5_000) + '<a>'.repeat(5_000) + '</a>'.repeat(5_000);
    await expect(parseFeed(`<rss version="2.0">${body}</rss>`, CTX)).rejects.toThrow(/^parse: elements nested deeper/);
  });

  it('accepts nesting up to the limit', async () => {
    const deep = '<a>'.repeat(190) + '</a>'.repeat(190);
    const parsed = await parseFeed(rss(`<item><title>deep</title><x>${deep}</x></item>`), CTX);
    expect(parsed.items.map((i) => i.title)).toEqual(['deep']);
  });

  it('rejects a truncated document with a clear error', async () => {
    const truncated = rss('<item><title>One</title></item><item><title>Tw').slice(0, -30);
    await expect(parseFeed(truncated, CTX)).rejects.toThrow(/^parse: malformed feed: /);
  });

  it('reads a bare ampersand as text', async () => {
    const parsed = await parseFeed(rss('<item><title>Q&A on Article 28 & 29</title><link>https://example.org/a?x=1&y=2</link></item>'), CTX);
    expect(parsed.items[0]).toMatchObject({ title: 'Q&A on Article 28 & 29', url: 'https://example.org/a?x=1&y=2' });
  });

  it('keeps an undeclared entity as literal text and decodes HTML entities XML does not declare', async () => {
    const parsed = await parseFeed(rss('<item><title>Caf&eacute; &madeup; talks&hellip;</title></item>'), CTX);
    expect(parsed.items[0]?.title).toBe('Café &madeup; talks…');
  });

  it('reads a character reference XML forbids (&#0;) without failing the feed or letting a NUL through', async () => {
    const parsed = await parseFeed(rss('<item><title>Null&#0;byte</title></item>'), CTX);
    expect(parsed.items[0]?.title).toBe('Null\uFFFDbyte');
  });

  it('says so when an HTML page is served as a feed', async () => {
    const html = '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><link rel="stylesheet" href="a.css"></head><body><p>Hello</body></html>';
    await expect(parseFeed(html, CTX)).rejects.toThrow('parse: not a feed (got an HTML page)');
  });

  it('rejects an empty body and a whitespace-only body', async () => {
    await expect(parseFeed('', CTX)).rejects.toThrow('parse: empty body');
    await expect(parseFeed('  \n\t ', CTX)).rejects.toThrow('parse: empty body');
  });

  it('rejects a document whose root is not rss, feed or RDF', async () => {
    await expect(parseFeed('<?xml version="1.0"?><opml version="2.0"><body/></opml>', CTX)).rejects.toThrow('parse: not a feed (root element <opml>)');
  });

  it('rejects text that is not XML at all', async () => {
    await expect(parseFeed('{"items": []}', CTX)).rejects.toThrow('parse: no root element (not XML)');
  });

  it('rejects a lone ENTITY declaration outside a DOCTYPE', async () => {
    await expect(parseFeed('<!ENTITY x "y"><rss version="2.0"><channel/></rss>', CTX)).rejects.toThrow(/^parse: ENTITY declaration refused/);
  });
});
