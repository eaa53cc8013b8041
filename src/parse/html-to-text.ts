import { Parser } from 'htmlparser2';

// Elements whose text is never content a reader sees.
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'head']);
// Elements that end a line, so words from two paragraphs do not run together.
const BLOCKS = new Set(['p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'table', 'blockquote', 'section', 'article', 'header', 'footer', 'pre', 'dd', 'dt', 'figure', 'figcaption', 'hr']);

/** Returns the visible text of an HTML fragment (entities decoded, scripts and styles dropped), capped at `maxChars`. */
export function htmlToText(html: string, maxChars: number): string {
  if (html === '') return '';
  // Plain text with no markup or entities needs no DOM.
  if (!/[<&]/.test(html)) return capText(normalizeSpace(html), maxChars);
  // A streaming tokenizer, not a DOM: this runs for every feed entry and is most of the parse cost.
  const parts: string[] = [];
  let hiddenDepth = 0;
  let length = 0;
  const parser = new Parser({
    onopentagname(name) {
      if (HIDDEN.has(name)) hiddenDepth++;
      else if (name === 'br' && hiddenDepth === 0) parts.push('\n');
    },
    onclosetag(name) {
      if (HIDDEN.has(name)) hiddenDepth = Math.max(0, hiddenDepth - 1);
      else if (BLOCKS.has(name) && hiddenDepth === 0) parts.push('\n');
    },
    ontext(text) {
      // Stop collecting well past the cap; the rest would only be cut off.
      if (hiddenDepth === 0 && length <= maxChars * 2) {
        parts.push(text);
        length += text.length;
      }
    },
  }, { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true });
  parser.end(html);
  return capText(normalizeSpace(parts.join('')), maxChars);
}

/** Returns the text on one line: every run of whitespace, newlines included, becomes one space. */
export function toOneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Returns the text cut to at most `maxChars`, at a word boundary when one is near, with an ellipsis. */
export function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(' ');
  const head = space > maxChars * 0.6 ? cut.slice(0, space) : cut;
  return head.trimEnd() + '…';
}

/** Returns the first `maxWords` words of the text, for a title when the entry has none. */
export function firstWords(text: string, maxWords: number, maxChars: number): string {
  const words = toOneLine(text).split(' ').filter((w) => w !== '');
  const head = words.slice(0, maxWords).join(' ');
  const capped = capText(head, maxChars);
  return words.length > maxWords && capped === head ? head + '…' : capped;
}

function normalizeSpace(text: string): string {
  return text
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t\f\v\r]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}
