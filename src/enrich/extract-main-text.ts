/**
 * The main text of a fetched page. HTML goes through Mozilla's Readability (Firefox Reader View)
 * over a linkedom document: it scores the blocks of the page and keeps the article body, so
 * navigation, cookie banners, "related" sidebars, comments and footers, which cite other articles,
 * do not reach the classifier. A PDF goes through the same text path as the official text import.
 * A page whose body carries no readable text (it is drawn by JavaScript) is reported as such.
 */
import { htmlToText } from '../parse/html-to-text.js';

// The DOM, Readability and the PDF reader weigh tens of megabytes and seconds of start-up: they
// are loaded when the first page arrives, not when the bot starts.
const loadHtmlTools = () => Promise.all([import('linkedom'), import('@mozilla/readability')]);
const loadPdfReader = () => import('../treaty/pdf-to-text.js');

/** The longest text kept for one page; a report longer than this is cut. */
export const MAX_FULL_TEXT_CHARS = 300_000;
/**
 * The most HTML handed to the DOM parser. Readability runs on the main thread (about a second per
 * megabyte of markup on a busy machine), so scripts, styles and inline SVG are dropped first and
 * what remains is cut here: article text sits early in a page, and this bounds the stall.
 */
export const MAX_PARSE_CHARS = 1024 * 1024;
/** Below this many characters of body text a page is taken to need JavaScript (or to have no article). */
export const MIN_ARTICLE_CHARS = 200;

/** A page as fetched: its text for HTML, its raw bytes for a PDF. */
export interface FetchedPage {
  url: string;
  contentType: string | null;
  body: string;
  bytes: Uint8Array | null;
}

/** The main text of a page, or why there is none (`permanent` when fetching again will not help). */
export type Extraction =
  | { ok: true; title: string; text: string }
  | { ok: false; reason: string; permanent: boolean };

/** Returns true when the response is a PDF document, by its type or its first bytes. */
export function isPdf(contentType: string | null, bytes: Uint8Array | null): boolean {
  if (/^application\/(?:x-)?pdf\b/i.test(contentType ?? '')) return true;
  return bytes !== null && bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}

/** Returns the main text of a fetched page. */
export async function extractMainText(page: FetchedPage): Promise<Extraction> {
  if (isPdf(page.contentType, page.bytes)) return extractPdf(page.bytes ?? new Uint8Array());
  const type = (page.contentType ?? 'text/html').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/plain') return checkLength('', page.body.trim(), 'the text document is empty');
  if (type !== 'text/html' && type !== 'application/xhtml+xml' && type !== '') {
    return { ok: false, reason: `the link is a ${type} document, not a web page or PDF`, permanent: true };
  }
  return extractHtml(page.body);
}

async function extractHtml(html: string): Promise<Extraction> {
  const [{ parseHTML }, { Readability }] = await loadHtmlTools();
  const scripts = (html.match(/<script\b/gi) ?? []).length;
  const { document } = parseHTML(dropHeavyMarkup(html).slice(0, MAX_PARSE_CHARS));
  const bodyText = (document.body?.textContent ?? '').replace(/\s+/g, ' ').trim();
  let article: { title?: string | null; content?: string | null } | null = null;
  try {
    article = new Readability(document, { charThreshold: MIN_ARTICLE_CHARS }).parse();
  } catch (cause) {
    return { ok: false, reason: `the page could not be read (${cause instanceof Error ? cause.message : String(cause)})`, permanent: true };
  }
  const text = article?.content ? htmlToText(article.content, MAX_FULL_TEXT_CHARS) : '';
  if (text.length >= MIN_ARTICLE_CHARS) return { ok: true, title: (article?.title ?? '').trim(), text };
  if (bodyText.length < MIN_ARTICLE_CHARS && scripts > 0) {
    return { ok: false, reason: 'the page shows no text without JavaScript; the feed summary is kept', permanent: true };
  }
  return { ok: false, reason: 'no article text found on the page; the feed summary is kept', permanent: true };
}

// Scripts, styles, inline SVG and comments carry no article text but most of a heavy page's bytes.
// A scan with indexOf, not a lazy regex: an unclosed `<script` must not make the work quadratic.
function dropHeavyMarkup(html: string): string {
  const lower = html.toLowerCase();
  const opening = /<(script|style|svg|noscript|template)\b|<!--/g;
  const kept: string[] = [];
  let from = 0;
  for (let m = opening.exec(lower); m; m = opening.exec(lower)) {
    if (m.index < from) continue;
    kept.push(html.slice(from, m.index));
    const close = m[1] ? `</${m[1]}` : '-->';
    const end = lower.indexOf(close, m.index + m[0].length);
    if (end < 0) return kept.join('');
    from = m[1] ? lower.indexOf('>', end) + 1 || lower.length : end + 3;
    opening.lastIndex = from;
  }
  kept.push(html.slice(from));
  return kept.join('');
}

async function extractPdf(bytes: Uint8Array): Promise<Extraction> {
  let text: string;
  try {
    const { convertPdfToText } = await loadPdfReader();
    text = await convertPdfToText(bytes);
  } catch (cause) {
    return { ok: false, reason: `the PDF could not be read (${cause instanceof Error ? cause.message : String(cause)})`, permanent: true };
  }
  return checkLength('', text.length > MAX_FULL_TEXT_CHARS ? text.slice(0, MAX_FULL_TEXT_CHARS) : text, 'the PDF has no text layer (a scan?)');
}

function checkLength(title: string, text: string, emptyReason: string): Extraction {
  if (text.trim().length === 0) return { ok: false, reason: emptyReason, permanent: true };
  return { ok: true, title, text };
}
