import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_TEXT_CHARS, parseFeed } from '../../src/parse/parse-feed.js';

const FIXTURES = new URL('../fixtures/parse/feeds/', import.meta.url);

function fixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

describe('parseFeed', () => {
  it('maps RSS 2.0 items, resolves relative links against the feed URL and reads ttl in milliseconds', async () => {
    const parsed = await parseFeed(fixture('rss2-ttl.xml'), { url: 'https://news.un.org/feed/subscribe/en/news/topic/law/feed/rss.xml' });
    expect(parsed.ttlMs).toBe(45 * 60_000);
    expect(parsed.items).toHaveLength(2);
    expect(parsed.items[0]).toEqual({
      guid: 'https://news.un.org/en/story/2024/12/1158521',
      url: 'https://news.un.org/en/story/2024/12/1158521',
      title: 'General Assembly adopts landmark convention on cybercrime',
      summary: 'The UN General Assembly on Tuesday adopted the United Nations Convention against Cybercrime, the first global treaty of its kind.',
      text: 'The UN General Assembly on Tuesday adopted the United Nations Convention against Cybercrime, the first global treaty of its kind.',
      author: 'UN News',
      publishedAtMs: Date.UTC(2024, 11, 24, 18, 30),
      kind: 'post',
    });
    // +0700 is honoured: 09:15 in Hanoi is 02:15 UTC.
    expect(parsed.items[1]?.publishedAtMs).toBe(Date.UTC(2025, 9, 25, 2, 15));
  });

  it('maps RSS 1.0 / RDF items with dc:date and dc:creator, and leaves a missing date null', async () => {
    const parsed = await parseFeed(fixture('rdf.xml'), { url: 'https://example.org/cyberlaw/rss' });
    expect(parsed.ttlMs).toBeNull();
    expect(parsed.items.map((i) => [i.guid, i.title, i.author, i.publishedAtMs])).toEqual([
      ['https://example.org/cyberlaw/2024/article-28', 'Search and seizure under Article 28', 'A. Researcher', Date.UTC(2024, 7, 9, 12)],
      ['https://example.org/cyberlaw/2024/dual-criminality', 'Dual criminality, revisited', null, null],
    ]);
  });

  it('maps Atom entries: id as guid, alternate link, author name, summary apart from content, styles dropped', async () => {
    const parsed = await parseFeed(fixture('atom.xml'), { url: 'https://blog.example.net/feed.atom' });
    expect(parsed.items[0]).toEqual({
      guid: 'tag:blog.example.net,2024:post-17',
      url: 'https://blog.example.net/posts/article-24-safeguards',
      title: 'Civil society warns on Article 24 safeguards',
      summary: 'Conditions and safeguards are too weak, say NGOs.',
      text: 'Conditions and safeguards are too weak.\nArticle 24 leaves proportionality to domestic law.',
      author: 'Jane Doe',
      publishedAtMs: Date.UTC(2024, 7, 8, 10, 30),
      kind: 'post',
    });
  });

  it('keeps an Atom entry whose date is unreadable, with a null date, instead of failing the feed', async () => {
    const parsed = await parseFeed(fixture('atom.xml'), { url: 'https://blog.example.net/feed.atom' });
    expect(parsed.items[1]).toMatchObject({ title: 'An entry with an unreadable date', publishedAtMs: null, text: 'Plain text content.' });
  });

  it('reads a WordPress feed: content:encoded as text, dc:creator as author, entities in CDATA titles decoded', async () => {
    const [item] = (await parseFeed(fixture('wordpress.xml'), { url: 'https://www.accessnow.org/feed/' })).items;
    expect(item?.title).toBe('UN cybercrime treaty: governments’ “final” text fails human rights & privacy');
    expect(item?.author).toBe('Access Now');
    expect(item?.guid).toBe('https://www.accessnow.org/?p=48213');
    expect(item?.summary).toBe(
      'The Ad Hoc Committee closed its concluding session in New York …\nThe post UN cybercrime treaty appeared first on Access Now.',
    );
    expect(item?.text).toBe(
      'NEW YORK – Today, member states adopted the draft convention.\nWhat changed in Article 4\nScope of criminalisation\nCross-border access\nRead our full analysis.',
    );
    expect(item?.text).not.toContain('tracking');
  });

  it('reads a Drupal feed: escaped HTML descriptions become text, relative links resolve, non-URL GUIDs kept', async () => {
    const parsed = await parseFeed(fixture('drupal-pi.xml'), { url: 'https://privacyinternational.org/rss.xml' });
    expect(parsed.items.map((i) => i.title)).toEqual([
      "UN Cybercrime Convention: what's at stake for privacy",
      'Explainer: real-time collection of traffic data',
    ]);
    expect(parsed.items[0]?.summary).toBe('UN Cybercrime Convention\nChapter IV gives States sweeping surveillance powers. Our analysis follows.');
    expect(parsed.items[0]?.guid).toBe('5362 at https://privacyinternational.org');
    expect(parsed.items[1]?.url).toBe('https://privacyinternational.org/explainer/5363/real-time-collection');
  });

  it('survives real-world faults: empty title, repeated GUID, bad or missing date, escaped markup in titles, non-http link', async () => {
    const parsed = await parseFeed(fixture('quirks.xml'), { url: 'https://ngo.example.org/feed' });
    expect(parsed.items.map((i) => ({ guid: i.guid, title: i.title, url: i.url, publishedAtMs: i.publishedAtMs }))).toEqual([
      {
        guid: 'ngo-1',
        title: 'Joint civil society statement on the convention ahead of the signing ceremony…',
        url: 'https://ngo.example.org/statements/untitled-statement',
        publishedAtMs: null,
      },
      { guid: 'ngo-1', title: 'Same GUID, different story', url: 'https://ngo.example.org/news/second', publishedAtMs: null },
      { guid: 'ngo-3', title: 'Tom & Jerry discuss Article 5', url: 'https://ngo.example.org/news/cdata', publishedAtMs: Date.UTC(2024, 7, 12, 7) },
      { guid: null, title: 'Bold claim & double-escaped ampersand — dash', url: null, publishedAtMs: null },
      { guid: 'ngo-1', title: 'Same GUID, different story', url: 'https://ngo.example.org/news/second', publishedAtMs: null },
    ]);
  });

  it('caps the body text of a very long article', async () => {
    const paragraph = '<p>' + 'lorem ipsum dolor sit amet '.repeat(200) + '</p>';
    const body = `<rss version="2.0"><channel><item><title>Long</title><description><![CDATA[${paragraph.repeat(10)}]]></description></item></channel></rss>`;
    const [item] = (await parseFeed(body, { url: 'https://example.org/feed' })).items;
    expect(item?.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(item?.text.endsWith('…')).toBe(true);
    expect(item?.summary.length).toBeLessThanOrEqual(500);
  });

  it('reads an RSS document without a version attribute as RSS 2.0', async () => {
    const parsed = await parseFeed('<rss><channel><item><title>No version</title></item></channel></rss>', { url: 'https://example.org/' });
    expect(parsed.items.map((i) => i.title)).toEqual(['No version']);
  });

  it('ignores a ttl that is not a positive number of minutes', async () => {
    const parsed = await parseFeed('<rss version="2.0"><channel><ttl>soon</ttl></channel></rss>', { url: 'https://example.org/' });
    expect(parsed).toEqual({ items: [], ttlMs: null });
  });
});
