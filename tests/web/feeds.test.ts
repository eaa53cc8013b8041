import sax from 'sax';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/parse/parse-feed.js';
import { HOSTILE_TITLE } from './seed-tracker.js';
import { useTrackerServer } from './tracker-server.js';

const baseUrl = useTrackerServer();

interface AtomEntry { title: string; updated: string; link: string; categories: string[] }

// A strict XML parse (any well-formedness error throws) that collects what each entry says.
function readAtom(xml: string): { root: string; entries: AtomEntry[] } {
  const parser = sax.parser(true, { xmlns: false });
  const entries: AtomEntry[] = [];
  const path: string[] = [];
  let root = '';
  let current: AtomEntry | null = null;
  parser.onerror = (err) => { throw err; };
  parser.onopentag = (tag) => {
    path.push(tag.name);
    if (path.length === 1) root = tag.name;
    if (tag.name === 'entry') current = { title: '', updated: '', link: '', categories: [] };
    if (current && tag.name === 'link') current.link = String(tag.attributes['href']);
    if (current && tag.name === 'category') current.categories.push(String(tag.attributes['label'] ?? tag.attributes['term']));
  };
  parser.ontext = (text) => {
    const name = path.at(-1);
    if (current && path.at(-2) === 'entry' && (name === 'title' || name === 'updated')) current[name] += text;
  };
  parser.oncdata = parser.ontext;
  parser.onclosetag = (name) => {
    path.pop();
    if (name === 'entry' && current) entries.push(current), (current = null);
  };
  parser.write(xml).close();
  return { root, entries };
}

describe('feeds', () => {
  it('serves well-formed Atom per article, newest first, entries linking to the original with tags as categories', async () => {
    const res = await fetch(`${baseUrl()}/feeds/article/28.4.atom`);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const { root, entries } = readAtom(await res.text());
    expect(root).toBe('feed');
    expect(entries.map((e) => e.title)).toEqual(['Encryption keys and Article 28(4)', 'Safeguards under Article 24 remain weak']);
    const dates = entries.map((e) => Date.parse(e.updated));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(entries[0]!.link).toMatch(/^https:\/\/ngo\.example\/posts\/\d+$/);
    expect(entries[0]!.categories).toEqual(expect.arrayContaining(['Article 28.4', 'Compelled assistance']));
  });

  it('keeps a hostile title as text in Atom, read back by our own feed parser', async () => {
    const xml = await (await fetch(`${baseUrl()}/feeds/all.atom`)).text();
    const { entries } = readAtom(xml);
    // Atom titles are type="html": the markup arrives escaped, so a reader shows it as text.
    expect(entries[0]!.title).toBe('&#60;script&#62;alert(1)&#60;/script&#62;&#60;img src=x onerror=alert(2)&#62;');
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<img');
    const parsed = await parseFeed(xml, { url: `${baseUrl()}/feeds/all.atom` });
    expect(parsed.items.map((i) => i.title)).toContain(HOSTILE_TITLE);
    const json = (await (await fetch(`${baseUrl()}/feeds/all.json`)).json()) as { items: { title: string; content_html: string }[] };
    const hostile = json.items.find((i) => i.title === HOSTILE_TITLE)!;
    expect(hostile.content_html).not.toMatch(/[<>]/);
    // The off-topic item is not in any feed.
    expect(entries.map((e) => e.title)).not.toContain('A cooking blog post');
  });

  it('serves JSON Feed 1.1 per concern with the required fields, newest first', async () => {
    const res = await fetch(`${baseUrl()}/feeds/concern/safeguards.json`);
    expect(res.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const doc = (await res.json()) as Record<string, unknown> & { items: Record<string, unknown>[] };
    expect(doc.version).toBe('https://jsonfeed.org/version/1.1');
    expect(doc.title).toBe('treatywatch: Human-rights safeguards');
    expect(doc.feed_url).toBe('https://tracker.example/feeds/concern/safeguards.json');
    expect(doc).not.toHaveProperty('author');
    expect(doc.items.map((i) => i.title)).toEqual(['Encryption keys and Article 28(4)', 'Safeguards under Article 24 remain weak']);
    for (const item of doc.items) {
      expect(typeof item.id).toBe('string');
      expect(typeof item.content_html === 'string' || typeof item.content_text === 'string').toBe(true);
      expect(item.url).toMatch(/^https:\/\/ngo\.example\//);
      expect(new Date(String(item.date_published)).toISOString()).toBe(item.date_published);
      expect(item.authors).toEqual([{ name: 'Example NGO' }]);
      expect(item).not.toHaveProperty('author');
      expect(item.tags).toContain('Human-rights safeguards');
    }
    const dates = doc.items.map((i) => Date.parse(String(i.date_published)));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it('answers 304 to a second request carrying the validators, and 200 when they do not match', async () => {
    for (const path of ['/feeds/all.atom', '/feeds/article/28.json']) {
      const first = await fetch(`${baseUrl()}${path}`);
      const etag = first.headers.get('etag')!;
      const lastModified = first.headers.get('last-modified')!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(new Date(lastModified).getTime()).toBe(Date.parse('2026-11-24T12:00:00Z') - (path.includes('28') ? 86_400_000 : 0));
      const again = await fetch(`${baseUrl()}${path}`, { headers: { 'if-none-match': etag, 'if-modified-since': lastModified } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect((await fetch(`${baseUrl()}${path}`, { headers: { 'if-modified-since': lastModified } })).status).toBe(304);
      expect((await fetch(`${baseUrl()}${path}`, { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
    }
  });

  it('answers 404 for a feed of an article or concern that does not exist', async () => {
    expect((await fetch(`${baseUrl()}/feeds/article/99.atom`)).status).toBe(404);
    expect((await fetch(`${baseUrl()}/feeds/concern/nope.json`)).status).toBe(404);
    expect((await fetch(`${baseUrl()}/feeds/all.rss`)).status).toBe(404);
  });
});
