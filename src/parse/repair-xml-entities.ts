import { cheerio } from './lazy-cheerio.js';

// Feeds in the wild carry bare `&` ("Q&A") and HTML entities XML never declared (`&hellip;`).
// sax in strict mode rejects the whole document for either, so we repair instead of refusing:
// a known HTML entity becomes its numeric reference, anything else becomes literal text.
// CDATA sections and comments are copied untouched: `&` is already literal there.

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const RAW_SECTION = /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)/g;
const AMPERSAND = /&(?:(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});)?/g;
// A hostile feed could invent millions of names; only a bounded number are remembered.
const MAX_CACHED_NAMES = 1024;
const decodedNames = new Map<string, string | null>();

/** Returns the body with every `&` that does not start a usable reference escaped, so strict XML parsers accept it. */
export function repairXmlEntities(body: string): string {
  if (!body.includes('&')) return body;
  const parts: string[] = [];
  for (const part of repairedParts(body)) parts.push(part);
  return parts.join('');
}

/** As repairXmlEntities, yielding to the event loop every few milliseconds, so a 5 MiB body never holds it. */
export async function repairXmlEntitiesInSlices(body: string, yieldMs: number): Promise<string> {
  if (!body.includes('&')) return body;
  const parts: string[] = [];
  let started = performance.now();
  for (const part of repairedParts(body)) {
    parts.push(part);
    if (performance.now() - started >= yieldMs) {
      await new Promise((resolve) => setImmediate(resolve));
      started = performance.now();
    }
  }
  return parts.join('');
}

// Text between raw sections is repaired in pieces of about this many characters, cut before a `<`
// (never inside an entity reference), so a caller can pause between them.
const PIECE_CHARS = 64 * 1024;

// The repaired document, piece by piece, in order.
function* repairedParts(body: string): Generator<string> {
  let last = 0;
  for (const match of body.matchAll(RAW_SECTION)) {
    yield* repairedPieces(body, last, match.index);
    yield match[0];
    last = match.index + match[0].length;
  }
  yield* repairedPieces(body, last, body.length);
}

function* repairedPieces(body: string, from: number, to: number): Generator<string> {
  for (let at = from; at < to; ) {
    let end = to;
    if (to - at > PIECE_CHARS) {
      const cut = body.indexOf('<', at + PIECE_CHARS);
      if (cut >= 0 && cut < to) end = cut;
    }
    yield repairText(body.slice(at, end));
    at = end;
  }
}

function repairText(text: string): string {
  return text.replace(AMPERSAND, (whole, ref: string | undefined) => {
    if (ref === undefined) return '&amp;';
    if (ref.startsWith('#')) return isAllowedCodePoint(ref) ? whole : '&amp;' + ref + ';';
    if (XML_ENTITIES.has(ref)) return whole;
    const codePoints = decodeHtmlEntity(ref);
    return codePoints ?? '&amp;' + ref + ';';
  });
}

// XML 1.0 forbids most control characters even as references; sax would fail the document.
function isAllowedCodePoint(ref: string): boolean {
  const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
  if (code === 0x9 || code === 0xa || code === 0xd) return true;
  return (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

// Returns the entity as numeric references (`&#8230;`), or null when HTML does not know the name.
function decodeHtmlEntity(name: string): string | null {
  const cached = decodedNames.get(name);
  if (cached !== undefined) return cached;
  const literal = `&${name};`;
  const decoded = cheerio().load(literal, null, false).text();
  // HTML's legacy rules decode prefixes (`&notit;` -> "¬it;"); a real entity is one or two code points.
  const result =
    decoded === literal || decoded === '' || Array.from(decoded).length > 2
      ? null
      : Array.from(decoded, (c) => `&#${c.codePointAt(0)};`).join('');
  if (decodedNames.size < MAX_CACHED_NAMES) decodedNames.set(name, result);
  return result;
}
