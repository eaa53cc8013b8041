/**
 * The article text of a web page. The HTML goes through Mozilla's Readability (Firefox Reader View)
 * over a linkedom document: it scores the blocks of the page and keeps the article body, so
 * navigation, cookie banners, "related" sidebars, comments and footers, which cite other articles,
 * do not reach the classifier. A page whose body carries no readable text (it is drawn by
 * JavaScript) is reported as such. Readability cannot work in slices (about two seconds for 256 KB
 * of dense markup on a busy machine), so the bot runs this on the parse worker (parse-off-thread.ts).
 */
import { htmlToText } from './html-to-text.js';

// The DOM and Readability weigh tens of megabytes and seconds of start-up: they are loaded when
// the first page arrives, not when the bot starts.
const loadHtmlTools = () => Promise.all([import('linkedom'), import('@mozilla/readability')]);

/** The longest text kept for one page; a report longer than this is cut. */
export const MAX_FULL_TEXT_CHARS = 300_000;
/**
 * The most HTML handed to the DOM parser. Scripts, styles and inline SVG are dropped first and what
 * remains is cut here: article text sits early in a page, and this bounds the work and the memory.
 */
export const MAX_PARSE_CHARS = 1024 * 1024;
/** Below this many characters of body text a page is taken to need JavaScript (or to have no article). */
export const MIN_ARTICLE_CHARS = 200;

/** The main text of a page, or why there is none (`permanent` when fetching again will not help). */
export type Extraction =
  | { ok: true; title: string; text: string }
  | { ok: false; reason: string; permanent: boolean };

/** Returns the article title and text of an HTML page, or why it has none. */
export async function readArticle(html: string): Promise<Extraction> {
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
