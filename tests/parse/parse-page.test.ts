import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PageSelectors } from '../../src/domain.js';
import { parsePage } from '../../src/parse/parse-page.js';
import { expectGolden } from './golden.js';

const PAGES = new URL('../fixtures/parse/pages/', import.meta.url);
const SOURCES = JSON.parse(readFileSync(new URL('../../feeds/sources.json', import.meta.url), 'utf8')) as {
  id: string;
  url: string;
  kind: string;
  selectors?: PageSelectors;
}[];

function pageSource(id: string): { id: string; url: string; selectors: PageSelectors | null } {
  const source = SOURCES.find((s) => s.id === id);
  if (!source) throw new Error(`no source ${id}`);
  return { id, url: source.url, selectors: source.selectors ?? null };
}

describe('parsePage with the shipped selectors (golden files)', () => {
  it.each(['unodc-ahc', 'unodc-convention', 'eff-treaty-page', 'digwatch-process'])('%s matches its reviewed expected output', (id) => {
    const source = pageSource(id);
    expect(source.selectors).not.toBeNull();
    const html = readFileSync(new URL(`${id}.html`, PAGES), 'utf8');
    const parsed = parsePage(html, { url: source.url, selectors: source.selectors, sourceId: id });
    expect(parsed.items.length).toBeGreaterThan(0);
    expectGolden(parsed, new URL(`${id}.expected.json`, PAGES));
  });

  it('gives every page source in feeds/sources.json its selectors', () => {
    const pages = SOURCES.filter((s) => s.kind === 'page');
    expect(pages.map((s) => [s.id, typeof s.selectors?.item])).toEqual(pages.map((s) => [s.id, 'string']));
  });
});

describe('parsePage without selectors', () => {
  it('takes the document links in the main content only, once each (golden file)', () => {
    const html = readFileSync(new URL('generic-documents.html', PAGES), 'utf8');
    const parsed = parsePage(html, { url: 'https://www.unodc.org/unodc/en/cybercrime/ad_hoc_committee/ahc_fifth_session/main', selectors: null, sourceId: 'generic' });
    expectGolden(parsed, new URL('generic-documents.expected.json', PAGES));
  });
});

describe('parsePage rules', () => {
  const url = 'https://example.org/docs/';

  it('keeps only http(s) links, resolves relative ones against the page, and keeps a row without a link', () => {
    const html =
      '<ul><li><a href="a.pdf">A</a></li><li><a href="mailto:x@y.z">Mail</a></li><li><a href="//cdn.example.net/b.pdf">B</a></li>' +
      '<li>A/AC.291/INF/3 List of participants (to be issued)</li><li><a href="notes.html">Notes</a></li></ul>';
    const parsed = parsePage(html, { url, selectors: { item: 'li' }, sourceId: 't' });
    expect(parsed.items.map((i) => [i.url, i.kind])).toEqual([
      ['https://example.org/docs/a.pdf', 'document'],
      ['https://cdn.example.net/b.pdf', 'document'],
      [null, 'document'],
      ['https://example.org/docs/notes.html', 'post'],
    ]);
    expect(parsed.items[2]?.extra).toEqual({ symbol: 'A/AC.291/INF/3' });
  });

  it('keeps the document symbol in extra.symbol and uses it as the title when the link has no text', () => {
    const html = '<main><a href="https://undocs.org/A/AC.291/22/Rev.1"></a></main>';
    const [item] = parsePage(html, { url, selectors: null, sourceId: 't' }).items;
    expect(item).toMatchObject({ title: 'A/AC.291/22/Rev.1', kind: 'document', extra: { symbol: 'A/AC.291/22/Rev.1' } });
  });

  it('reports a broken selector as a parse error naming the source', () => {
    expect(() => parsePage('<p>x</p>', { url, selectors: { item: 'li[' }, sourceId: 'broken-page' })).toThrow(/^parse: page broken-page: bad selectors/);
  });

  it('finds nothing, without failing, on a page with no matching elements', () => {
    expect(parsePage('<html><body><p>Maintenance</p></body></html>', { url, selectors: { item: '.views-row' }, sourceId: 't' })).toEqual({ items: [], ttlMs: null });
  });
});
