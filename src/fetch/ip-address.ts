/**
 * Parsers for IP address literals in every spelling a URL or a resolver can produce. IPv4 follows
 * the `inet_aton` rules that browsers and the WHATWG URL parser also accept: one to four parts,
 * each decimal, octal (leading `0`) or hex (`0x`), the last part filling the remaining bytes, so
 * `127.1`, `2130706433`, `0177.0.0.1` and `0x7f.0.0.1` all name 127.0.0.1.
 */

const HEX_GROUP = /^[0-9a-f]{1,4}$/i;
const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Returns the four bytes of an IPv4 literal in any inet_aton spelling, or null when it is not one. */
export function parseIpv4(text: string): number[] | null {
  // A single trailing dot is a fully qualified spelling that the URL parser keeps.
  const body = text.endsWith('.') ? text.slice(0, -1) : text;
  if (body === '') return null;
  const parts = body.split('.');
  if (parts.length > 4) return null;
  const values: number[] = [];
  for (const part of parts) {
    const value = parseIpv4Number(part);
    if (value === null) return null;
    values.push(value);
  }
  const last = values.pop() as number;
  if (values.some((v) => v > 255)) return null;
  const lastByteCount = 4 - values.length;
  if (last >= 256 ** lastByteCount) return null;
  const bytes = [...values];
  for (let i = lastByteCount - 1; i >= 0; i--) bytes.push(Math.floor(last / 256 ** i) % 256);
  return bytes;
}

function parseIpv4Number(part: string): number | null {
  let digits = part;
  let radix = 10;
  if (/^0x/i.test(part)) {
    digits = part.slice(2);
    radix = 16;
    // The URL standard reads a bare `0x` as zero.
    if (digits === '') return 0;
  } else if (part.length > 1 && part.startsWith('0')) {
    digits = part.slice(1);
    radix = 8;
  }
  const pattern = radix === 16 ? /^[0-9a-f]+$/i : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!pattern.test(digits)) return null;
  const value = parseInt(digits, radix);
  return Number.isSafeInteger(value) ? value : null;
}

/** Returns the sixteen bytes of an IPv6 literal (brackets and a `%zone` allowed), or null when it is not one. */
export function parseIpv6(text: string): number[] | null {
  let body = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = body.indexOf('%');
  if (zone >= 0) body = body.slice(0, zone);
  if (!body.includes(':')) return null;

  // An embedded dotted IPv4 tail (`::ffff:127.0.0.1`) becomes two ordinary hex groups.
  const lastColon = body.lastIndexOf(':');
  const lastPart = body.slice(lastColon + 1);
  if (lastPart.includes('.')) {
    const match = DOTTED_QUAD.exec(lastPart);
    if (!match) return null;
    const quad = match.slice(1).map(Number);
    if (quad.some((v) => v > 255)) return null;
    const [a, b, c, d] = quad as [number, number, number, number];
    body = body.slice(0, lastColon + 1) + ((a << 8) | b).toString(16) + ':' + ((c << 8) | d).toString(16);
  }

  const halves = body.split('::');
  if (halves.length > 2) return null;
  const head = splitGroups(halves[0] as string);
  const tail = halves.length === 2 ? splitGroups(halves[1] as string) : [];
  if (head === null || tail === null) return null;
  const groupCount = head.length + tail.length;
  if (halves.length === 1 ? groupCount !== 8 : groupCount > 7) return null;
  const groups = [...head, ...new Array<number>(8 - groupCount).fill(0), ...tail];
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

function splitGroups(text: string): number[] | null {
  if (text === '') return [];
  const groups: number[] = [];
  for (const group of text.split(':')) {
    if (!HEX_GROUP.test(group)) return null;
    groups.push(parseInt(group, 16));
  }
  return groups;
}
