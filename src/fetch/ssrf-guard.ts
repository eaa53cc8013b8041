/**
 * The SSRF guard for URLs that did not come from the operator (an admin's feed added from chat,
 * every redirect hop). Rules, in order: http(s) only; no credentials in the URL; an IP-literal
 * host must be public; a name must resolve only to public addresses, checked at connect time so
 * a resolver that answers differently the second time (DNS rebinding) cannot reach inside.
 */
import { FetchError } from './fetch-result.js';
import { parseIpv4, parseIpv6 } from './ip-address.js';

/** What an address is for: only 'public' is reachable from an untrusted URL. */
export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'multicast'
  | 'unspecified'
  | 'reserved'
  | 'invalid';

/** Options shared by the guard's checks. */
export interface GuardOptions {
  /** Lets loopback, private and other non-public addresses through (tests, operator-trusted hosts). */
  allowPrivateAddresses?: boolean;
  /** Exact IP addresses let through whatever their class (a test's own server, an operator's proxy). */
  allowAddresses?: readonly string[];
}

// IPv4 ranges that are not public: [network, prefix length, class] (RFC 6890 special-purpose registry).
const IPV4_RANGES: ReadonlyArray<readonly [string, number, AddressClass]> = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'cgnat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

/** Returns the class of an IP address written in any spelling (dotted, decimal, octal, hex, short, IPv6). */
export function classifyAddress(ip: string): AddressClass {
  const text = ip.trim();
  if (text.includes(':')) {
    const bytes = parseIpv6(text);
    return bytes ? classifyIpv6(bytes) : 'invalid';
  }
  const bytes = parseIpv4(text);
  return bytes ? classifyIpv4(bytes) : 'invalid';
}

function classifyIpv4(bytes: readonly number[]): AddressClass {
  const value = toUint32(bytes, 0);
  for (const [network, prefix, cls] of IPV4_RANGES) {
    const mask = (0xffffffff << (32 - prefix)) >>> 0;
    if (((value & mask) >>> 0) === toUint32(parseIpv4(network) as number[], 0)) return cls;
  }
  return 'public';
}

function classifyIpv6(b: readonly number[]): AddressClass {
  const zeroUpTo = (end: number) => b.slice(0, end).every((x) => x === 0);
  const embedded = (from: number) => classifyIpv4(b.slice(from, from + 4));
  if (zeroUpTo(16)) return 'unspecified';
  if (zeroUpTo(15) && b[15] === 1) return 'loopback';
  // ::ffff:a.b.c.d (IPv4-mapped) reaches the IPv4 address itself.
  if (zeroUpTo(10) && b[10] === 0xff && b[11] === 0xff) return embedded(12);
  // ::a.b.c.d (deprecated IPv4-compatible) and the rest of ::/96 have no public use.
  if (zeroUpTo(12)) return 'reserved';
  const g0 = (b[0] as number) * 256 + (b[1] as number);
  const g1 = (b[2] as number) * 256 + (b[3] as number);
  // 64:ff9b::/96 (NAT64) and 2002::/16 (6to4) carry an IPv4 address a gateway will reach.
  if (g0 === 0x64 && g1 === 0xff9b && b.slice(4, 12).every((x) => x === 0)) return embedded(12);
  if (g0 === 0x64 && g1 === 0xff9b && b[4] === 0 && b[5] === 1) return 'private';
  if (g0 === 0x2002) return embedded(2);
  if ((b[0] as number) === 0xff) return 'multicast';
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  // fc00::/7 unique local (fd00::/8 in practice) and the deprecated fec0::/10 site-local.
  if ((g0 & 0xfe00) === 0xfc00 || (g0 & 0xffc0) === 0xfec0) return 'private';
  // 2001::/23 holds Teredo and protocol assignments; 2001:db8::/32 is for documentation.
  if (g0 === 0x2001 && g1 < 0x200) return 'reserved';
  if (g0 === 0x2001 && g1 === 0xdb8) return 'reserved';
  // Only 2000::/3 is allocated as global unicast.
  if ((g0 & 0xe000) !== 0x2000) return 'reserved';
  return 'public';
}

function toUint32(bytes: readonly number[], from: number): number {
  return (((bytes[from] as number) << 24) | ((bytes[from + 1] as number) << 16) | ((bytes[from + 2] as number) << 8) | (bytes[from + 3] as number)) >>> 0;
}

/** Returns true when an address of this class may be contacted under the given options. */
export function isAddressAllowed(cls: AddressClass, opts: GuardOptions = {}): boolean {
  if (cls === 'public') return true;
  if (cls === 'invalid') return false;
  return opts.allowPrivateAddresses === true;
}

/** Returns true when a URL host is an IP literal (IPv4 in any spelling, or bracketed IPv6). */
export function isIpLiteral(host: string): boolean {
  return host.startsWith('[') || parseIpv4(host) !== null;
}

/** Checks an untrusted URL before any connection; throws FetchError kind 'blocked' naming the rule it breaks. */
export function checkUrlAllowed(url: string | URL, opts: GuardOptions = {}): void {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch (cause) {
    throw blocked(`fetch: "${String(url).slice(0, 200)}" is not a valid URL`, cause);
  }
  const shown = describeUrl(parsed);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw blocked(`fetch: ${shown} is refused: only http and https URLs may be fetched`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw blocked(`fetch: ${shown} is refused: URLs with credentials are not fetched`);
  }
  // A trailing dot names the same host (`localhost.`), so compare without it.
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  // Names under .localhost never leave the machine (RFC 6761), whatever the resolver says.
  if ((host === 'localhost' || host.endsWith('.localhost')) && !opts.allowPrivateAddresses) {
    throw blocked(`fetch: ${shown} is refused: ${host} is a loopback name`);
  }
  if (isIpLiteral(host) && !opts.allowAddresses?.includes(host.replace(/^\[|\]$/g, ''))) {
    const cls = classifyAddress(host);
    if (!isAddressAllowed(cls, opts)) throw blocked(`fetch: ${shown} is refused: ${host} is a ${cls} address`);
  }
}

/** Returns a URL for messages and logs, with any user name and password removed. */
export function describeUrl(url: string | URL): string {
  try {
    const copy = new URL(String(url));
    copy.username = '';
    copy.password = '';
    return copy.href;
  } catch {
    return String(url).replace(/\/\/[^/@]*@/, '//').slice(0, 500);
  }
}

function blocked(message: string, cause?: unknown): FetchError {
  return new FetchError(message, { kind: 'blocked', transient: false, cause });
}
