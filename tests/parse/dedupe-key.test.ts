import { describe, expect, it } from 'vitest';
import type { ParsedItem } from '../../src/domain.js';
import { assignDedupeKeys, canonicalizeUrl, hashContent } from '../../src/parse/dedupe-key.js';

function item(parts: Partial<ParsedItem>): ParsedItem {
  return { guid: null, url: null, title: 'T', summary: '', text: 'body', author: null, publishedAtMs: null, kind: 'post', ...parts };
}

describe('canonicalizeUrl', () => {
  it.each([
    ['HTTPS://WWW.EFF.ORG/Deeplinks/2024/08/x', 'https://www.eff.org/Deeplinks/2024/08/x'],
    ['https://eff.org/a#comments', 'https://eff.org/a'],
    ['https://eff.org:443/a', 'https://eff.org/a'],
    ['http://eff.org:80/a', 'http://eff.org/a'],
    ['http://eff.org:8080/a', 'http://eff.org:8080/a'],
    ['https://eff.org/a?', 'https://eff.org/a'],
    ['https://eff.org', 'https://eff.org/'],
    ['https://eff.org/a?utm_source=rss&utm_medium=feed&utm_campaign=x', 'https://eff.org/a'],
    ['https://eff.org/a?UTM_Source=rss', 'https://eff.org/a'],
    ['https://eff.org/a?fbclid=abc', 'https://eff.org/a'],
    ['https://eff.org/a?gclid=abc&id=7', 'https://eff.org/a?id=7'],
    ['https://eff.org/a?mc_cid=1&mc_eid=2', 'https://eff.org/a'],
    ['https://eff.org/a?ref=twitter', 'https://eff.org/a'],
    ['https://www.heise.de/x.html?wt_mc=rss.developer.beitrag.atom', 'https://www.heise.de/x.html'],
    ['https://eff.org/a?b=2&a=1', 'https://eff.org/a?a=1&b=2'],
    ['https://eff.org/a?tag=x&id=3&tag=y', 'https://eff.org/a?id=3&tag=x&tag=y'],
    ['https://eff.org/a?q=a%2Fb&utm_term=z', 'https://eff.org/a?q=a%2Fb'],
    ['https://eff.org/a?&&id=1&', 'https://eff.org/a?id=1'],
    ['https://eff.org./a', 'https://eff.org/a'],
    ['  https://eff.org/a  ', 'https://eff.org/a'],
    ['https://undocs.org/A/AC.291/22/Rev.1', 'https://undocs.org/A/AC.291/22/Rev.1'],
    ['https://eff.org/a?page=2#top', 'https://eff.org/a?page=2'],
    ['mailto:press@eff.org', null],
    ['javascript:alert(1)', null],
    ['ftp://eff.org/file', null],
    ['not a url', null],
    ['/relative/path', null],
  ])('%s -> %s', (input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });
});

describe('hashContent', () => {
  it('ignores differences in whitespace only', () => {
    expect(hashContent(' Title ', 'one\n\ntwo   three')).toBe(hashContent('Title', 'one two three'));
  });

  it('changes when the words change, and keeps title and text apart', () => {
    expect(hashContent('Title', 'one')).not.toBe(hashContent('Title', 'two'));
    expect(hashContent('ab', 'c')).not.toBe(hashContent('a', 'bc'));
    expect(hashContent('a', 'b')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('assignDedupeKeys', () => {
  it('prefers the GUID, then the canonical URL, then the content hash', () => {
    const keyed = assignDedupeKeys([
      item({ guid: 'g-1', url: 'https://a.org/1' }),
      item({ url: 'https://a.org/2?utm_source=x#top', title: 'Two' }),
      item({ title: 'Three', text: 'no link' }),
    ]);
    expect(keyed.map((k) => k.key)).toEqual(['guid:g-1', 'url:https://a.org/2', `hash:${hashContent('Three', 'no link')}`]);
    expect(keyed[1]?.canonicalUrl).toBe('https://a.org/2');
  });

  it('keeps two different entries that share a GUID, adding the URL to the later one', () => {
    const keyed = assignDedupeKeys([
      item({ guid: 'dup', url: 'https://a.org/first', title: 'First' }),
      item({ guid: 'dup', url: 'https://a.org/second', title: 'Second' }),
    ]);
    expect(keyed.map((k) => [k.key, k.item.title])).toEqual([
      ['guid:dup', 'First'],
      ['guid:dup|url:https://a.org/second', 'Second'],
    ]);
  });

  it('adds the content hash when the repeated GUID also shares its URL', () => {
    const keyed = assignDedupeKeys([
      item({ guid: 'dup', url: 'https://a.org/x', title: 'First' }),
      item({ guid: 'dup', url: 'https://a.org/x', title: 'Second' }),
      item({ guid: 'dup', url: 'https://a.org/x', title: 'Third' }),
    ]);
    expect(keyed.map((k) => k.key)).toEqual([
      'guid:dup',
      'guid:dup|url:https://a.org/x',
      `guid:dup|hash:${hashContent('Third', 'body')}`,
    ]);
  });

  it('keeps an exactly repeated entry once', () => {
    const entry = item({ guid: 'same', url: 'https://a.org/x', title: 'Same' });
    const keyed = assignDedupeKeys([entry, { ...entry }, { ...entry, url: 'https://a.org/x#frag' }]);
    expect(keyed).toHaveLength(1);
  });

  it('keeps once an entry repeated without GUID or URL, and distinguishes same-URL entries with different content', () => {
    const keyed = assignDedupeKeys([
      item({ title: 'A' }),
      item({ title: 'A' }),
      item({ url: 'https://a.org/p', title: 'P1' }),
      item({ url: 'https://a.org/p', title: 'P2' }),
    ]);
    expect(keyed.map((k) => k.item.title)).toEqual(['A', 'P1', 'P2']);
    expect(new Set(keyed.map((k) => k.key)).size).toBe(3);
  });

  it('gives the same keys to the same fetch twice, so a re-poll finds nothing new', () => {
    const items = [item({ guid: 'dup', url: 'https://a.org/1' }), item({ guid: 'dup', url: 'https://a.org/2' })];
    expect(assignDedupeKeys(items).map((k) => k.key)).toEqual(assignDedupeKeys(items.map((i) => ({ ...i }))).map((k) => k.key));
  });
});
