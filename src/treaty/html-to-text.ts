import { cheerio } from '../parse/lazy-cheerio.js';

// The parts of a parsed HTML node we read; cheerio's nodes have these fields.
interface HtmlNode {
  type: string;
  name?: string;
  data?: string;
  children?: HtmlNode[];
}

const BLOCK_ELEMENTS = new Set([
  'p', 'div', 'section', 'article', 'main', 'blockquote', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'tr', 'table',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'center', 'body',
]);
// Footnote markers (<sup>) would glue digits to words; page furniture is not the treaty.
const SKIPPED_ELEMENTS = new Set(['script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'aside', 'sup', 'head', 'form', 'button']);

/** Returns the visible text of an HTML page as lines, with a blank line between block elements. */
export function convertHtmlToText(html: string): string {
  const $ = cheerio().load(html);
  const root = $.root()[0] as unknown as HtmlNode;
  const out: string[] = [];
  walk(root, out);
  return out
    .join('')
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function walk(node: HtmlNode, out: string[]): void {
  if (node.type === 'text') {
    out.push((node.data ?? '').replace(/\s+/g, ' '));
    return;
  }
  const name = node.name?.toLowerCase() ?? '';
  if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
    if (SKIPPED_ELEMENTS.has(name)) return;
    if (name === 'br') {
      out.push('\n');
      return;
    }
  } else if (node.type !== 'root') {
    return;
  }
  const block = BLOCK_ELEMENTS.has(name);
  if (block) out.push('\n\n');
  for (const child of node.children ?? []) walk(child, out);
  if (block) out.push('\n\n');
}
