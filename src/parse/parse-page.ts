import { cheerio } from './lazy-cheerio.js';
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import type { ParsedItem, ParsedSource, PageSelectors } from '../domain.js';
import { findDocumentSymbol, isDocumentUrl } from './document-link.js';
import { capText, firstWords, toOneLine } from './html-to-text.js';
import { parseDateMs } from './parse-date.js';
import { resolveHttpUrl } from './resolve-url.js';
import { ParseError } from './parse-error.js';

// Rules for a page source:
// 1. With selectors, every `item` match is a candidate; title, link, date and summary come from
//    the optional sub-selectors, else from the heuristics below.
// 2. Without selectors, every link inside the main content that points at an official document
//    is a candidate (navigation and news links are ignored: too noisy to alert on).
// 3. Only http(s) links count (an element whose link is mailto: or javascript: is dropped);
//    a link back to the page itself is navigation, not an item.
// 4. The same link twice on one page is one item (the first occurrence wins).

const MAX_PAGE_TITLE_CHARS = 300;
const MAX_PAGE_SUMMARY_CHARS = 500;
const MAX_PAGE_TEXT_CHARS = 2_000;
const MAIN_CONTENT = 'main, [role="main"], article, #content, #main-content, .main-content';
// Links to the English version are preferred when a row offers one per official language.
const ENGLISH_LINK = /(?:^|[^a-z])(?:en|english|e)(?:[^a-z]|$)|_E\.pdf$|-E\.pdf$|[?&]lang(?:uage)?=en/i;

/** Returns the items of an HTML page: one per selected element, or one per document link when no selectors are set. */
export function parsePage(body: string, ctx: { url: string; selectors: PageSelectors | null; sourceId: string }): ParsedSource {
  const $ = cheerio().load(body);
  $('script, style, noscript, template').remove();
  let candidates: ParsedItem[];
  try {
    candidates = ctx.selectors ? selectItems($, ctx.selectors, ctx.url) : findDocumentLinks($, ctx.url);
  } catch (cause) {
    throw new ParseError(`parse: page ${ctx.sourceId}: bad selectors (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
  return { items: dropRepeatedLinks(candidates, ctx.url), ttlMs: null };
}

function selectItems($: CheerioAPI, selectors: PageSelectors, pageUrl: string): ParsedItem[] {
  const items: ParsedItem[] = [];
  $(selectors.item).each((_, element) => {
    const el = $(element);
    const linkEl = selectors.link ? el.find(selectors.link).first() : pickLink($, el, pageUrl);
    const url = resolveHttpUrl(linkEl.attr('href'), pageUrl);
    const titleText = selectors.title ? textOf(el.find(selectors.title).first()) : defaultTitle($, el, linkEl);
    const dateEl = selectors.date ? el.find(selectors.date).first() : el.find('time').first();
    const summary = selectors.summary ? capText(textOf(el.find(selectors.summary).first()), MAX_PAGE_SUMMARY_CHARS) : '';
    const rowText = capText(toOneLine(el.text()), MAX_PAGE_TEXT_CHARS);
    // A link that is not http(s) (mailto:, javascript:) marks navigation, not an item; a row with no link at all is kept.
    if (url === null && (titleText === '' || linkEl.length > 0)) return;
    items.push(buildItem({ url, titleText, rowText, summary, publishedAtMs: readDate(dateEl) }));
  });
  return items;
}

function findDocumentLinks($: CheerioAPI, pageUrl: string): ParsedItem[] {
  const main = $(MAIN_CONTENT).first();
  const scope = main.length > 0 ? main : $('body');
  const items: ParsedItem[] = [];
  scope.find('a[href]').each((_, element) => {
    const link = $(element);
    const url = resolveHttpUrl(link.attr('href'), pageUrl);
    if (url === null || !isDocumentUrl(url)) return;
    const context = link.closest('tr, li, p');
    const rowText = capText(toOneLine((context.length > 0 ? context : link).text()), MAX_PAGE_TEXT_CHARS);
    items.push(buildItem({ url, titleText: textOf(link) || (link.attr('title') ?? ''), rowText, summary: '', publishedAtMs: null }));
  });
  return items;
}

function buildItem(parts: { url: string | null; titleText: string; rowText: string; summary: string; publishedAtMs: number | null }): ParsedItem {
  const symbol = findDocumentSymbol(parts.titleText, parts.rowText, parts.url);
  const title = capText(parts.titleText, MAX_PAGE_TITLE_CHARS) || symbol || fileName(parts.url) || firstWords(parts.rowText, 12, MAX_PAGE_TITLE_CHARS);
  const isDocument = symbol !== null || (parts.url !== null && isDocumentUrl(parts.url));
  const item: ParsedItem = {
    guid: null,
    url: parts.url,
    title,
    summary: parts.summary,
    text: parts.rowText,
    author: null,
    publishedAtMs: parts.publishedAtMs,
    kind: isDocument ? 'document' : 'post',
  };
  if (symbol !== null) item.extra = { symbol };
  return item;
}

// A row with one link per official language: the English document is the one worth reading.
function pickLink($: CheerioAPI, el: Cheerio<AnyNode>, pageUrl: string): Cheerio<AnyNode> {
  if (el.is('a[href]')) return el;
  const links = el.find('a[href]').toArray().map((node) => $(node));
  const documents = links.filter((link) => isDocumentUrl(resolveHttpUrl(link.attr('href'), pageUrl) ?? ''));
  const english = documents.find((link) => ENGLISH_LINK.test(textOf(link)) || ENGLISH_LINK.test(link.attr('href') ?? ''));
  return english ?? documents[0] ?? links[0] ?? el.find('a[href]').first();
}

// A table row's title is its longest cell (the symbol and language cells are short);
// anything else is titled by its link text, or by its own text.
function defaultTitle($: CheerioAPI, el: Cheerio<AnyNode>, linkEl: Cheerio<AnyNode>): string {
  if (el.is('tr')) {
    const cells = el.children('td, th').toArray().map((cell) => textOf($(cell)));
    return cells.reduce((longest, cell) => (cell.length > longest.length ? cell : longest), '');
  }
  const heading = el.find('h1, h2, h3, h4, h5, h6').first();
  if (heading.length > 0) return textOf(heading);
  return textOf(linkEl) || firstWords(el.text(), 20, MAX_PAGE_TITLE_CHARS);
}

// Prefer machine-readable dates (`<time datetime>`, `content`) over the displayed text.
function readDate(el: Cheerio<AnyNode>): number | null {
  if (el.length === 0) return null;
  const first = el.first();
  return parseDateMs(first.attr('datetime') ?? first.attr('content') ?? null) ?? parseDateMs(textOf(first));
}

function dropRepeatedLinks(items: ParsedItem[], pageUrl: string): ParsedItem[] {
  const self = withoutFragment(pageUrl);
  const seen = new Set<string>();
  return items.filter((item) => {
    if (item.url === null) return true;
    const key = withoutFragment(item.url);
    if (key === self || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}

function fileName(url: string | null): string {
  if (url === null) return '';
  const path = new URL(url).pathname;
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)).replace(/\.[a-z0-9]+$/i, '');
}

function textOf(el: Cheerio<AnyNode>): string {
  return toOneLine(el.text());
}
