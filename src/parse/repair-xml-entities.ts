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
  let out = '';
  let last = 0;
  for (const match of body.matchAll(RAW_SECTION)) {
    out += repairText(body.slice(last, match.index));
    out += match[0];
    last = match.index + match[0].length;
  }
  return out + repairText(body.slice(last));
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
