/**
 * Turns response bytes into text. The charset comes from, in order: a byte-order mark, the
 * Content-Type `charset`, then the XML prolog `encoding=` or an HTML `<meta>` in the first 1024
 * bytes (the prescan window of the HTML standard), and otherwise UTF-8. Undeclared bytes that are
 * not valid UTF-8 are read as windows-1252, as browsers and mature feed readers do: old feeds in
 * ISO-8859-1 often declare nothing, and U+FFFD in every accented title helps nobody.
 */
import { TextDecoder } from 'node:util';

/** How far into the body we look for an XML prolog or `<meta>` charset. */
export const CHARSET_SNIFF_BYTES = 1024;

/** The decoded text and how its charset was chosen. */
export interface DecodedBody {
  text: string;
  /** The encoding TextDecoder used, in its canonical name (`windows-1252`, `shift_jis`, ...). */
  charset: string;
  source: 'bom' | 'header' | 'xml-prolog' | 'meta' | 'default' | 'fallback';
  /** Set when a declared charset could not be used, saying which and why. */
  note: string | null;
}

const BOMS: ReadonlyArray<readonly [number[], string]> = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

const XML_PROLOG = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([^"']+)["']/i;
const META_CHARSET = /<meta\s[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i;

/** Bodies are decoded this many bytes at a time, yielding between slices, so 5 MiB never holds the loop. */
const DECODE_SLICE_BYTES = 512 * 1024;

/** Returns the body decoded to a string without its BOM; an unknown charset falls back to UTF-8 with a note. */
export async function decodeBody(bytes: Uint8Array, contentType: string | null): Promise<DecodedBody> {
  const detected = detectCharset(bytes, contentType);
  let decoder: TextDecoder;
  let note: string | null = null;
  try {
    decoder = new TextDecoder(detected.label);
  } catch {
    note = `unknown charset "${detected.label}" (from ${detected.source}), decoded as utf-8`;
    decoder = new TextDecoder('utf-8');
  }
  // Undeclared: strict UTF-8 if it reads as such (that text is the answer), else windows-1252.
  const strict = detected.source === 'default' && note === null ? await decodeInSlices(new TextDecoder('utf-8', { fatal: true }), bytes).catch(() => null) : undefined;
  if (strict === null) {
    return { text: decodeWindows1252(bytes), charset: 'windows-1252', source: 'fallback', note: 'no charset declared and not valid utf-8, decoded as windows-1252' };
  }
  let text = strict ?? (decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : await decodeInSlices(decoder, bytes));
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, charset: decoder.encoding, source: note ? 'default' : detected.source, note };
}

// A decoder of its own per call: a streaming decoder keeps state between slices.
async function decodeInSlices(decoder: TextDecoder, bytes: Uint8Array): Promise<string> {
  if (bytes.length <= DECODE_SLICE_BYTES) return decoder.decode(bytes);
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += DECODE_SLICE_BYTES) {
    const end = Math.min(bytes.length, at + DECODE_SLICE_BYTES);
    parts.push(decoder.decode(bytes.subarray(at, end), { stream: end < bytes.length }));
    if (end < bytes.length) await new Promise((resolve) => setImmediate(resolve));
  }
  return parts.join('');
}

/** Returns the charset label a body declares and where the declaration was found. */
export function detectCharset(
  bytes: Uint8Array,
  contentType: string | null,
): { label: string; source: DecodedBody['source'] } {
  for (const [mark, label] of BOMS) {
    if (mark.every((b, i) => bytes[i] === b)) return { label, source: 'bom' };
  }
  const fromHeader = readContentTypeCharset(contentType);
  if (fromHeader) return { label: fromHeader, source: 'header' };

  // Latin-1 maps each byte to one character, so offsets and ASCII markup survive any 8-bit charset.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, CHARSET_SNIFF_BYTES)).toString('latin1');
  const prolog = XML_PROLOG.exec(head)?.[1];
  if (prolog) return { label: fixInBandUtf16(prolog), source: 'xml-prolog' };
  const meta = META_CHARSET.exec(head)?.[1];
  if (meta) return { label: fixInBandUtf16(meta), source: 'meta' };
  return { label: 'utf-8', source: 'default' };
}

/** Returns the `charset` parameter of a Content-Type header value, or null. */
export function readContentTypeCharset(contentType: string | null): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  return match?.[2]?.trim() || null;
}

// Text we could read as ASCII to find the declaration cannot be UTF-16; the HTML standard maps it to UTF-8.
function fixInBandUtf16(label: string): string {
  return /^utf-16/i.test(label.trim()) ? 'utf-8' : label.trim();
}

// WHATWG index-windows-1252 for bytes 0x80-0x9F; every other byte is its own code point.
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Returns windows-1252 text. Node 20.18.3+ and 22.13+ decode this label as plain Latin-1
 * (nodejs/node#60888), turning curly quotes and the euro sign into control characters, and
 * windows-1252 is what the web means by "iso-8859-1", so we map the 32 differing bytes ourselves.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] as number));
}
