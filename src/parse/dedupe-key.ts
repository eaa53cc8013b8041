import { createHash } from 'node:crypto';
import type { KeyedItem, ParsedItem } from '../domain.js';
import { collapseSpaces } from '../knowledge/normalize-text.js';
import { parseHttpUrl } from './resolve-url.js';

// An item's identity, in order of trust:
// 1. `guid:<guid>` when the feed gives one;
// 2. `url:<canonical url>` (fragment and tracking parameters dropped, the rest sorted);
// 3. `hash:<sha256 of title and text>` as the last resort.
// Feeds reuse GUIDs by mistake. Within one fetch, a later item repeating an earlier key gets the
// canonical URL, or failing that the content hash, appended, so no item is lost; an entry that
// repeats an earlier one exactly (same key, URL and content) is kept once.

// Parameters that only say who sent the reader; they never change what the page shows.
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'igshid', 'mc_cid', 'mc_eid',
  'ref', 'ref_src', 'ref_url', 'referrer', '_hsenc', '_hsmi', 'mkt_tok', 'oly_anon_id', 'oly_enc_id', 'vero_id',
  'wt_mc', 'wt.mc_id', 'at_medium', 'at_campaign', 'ocid', 'cmpid', 's_cid', 'share', 'spm', 'ito', 'fb_action_ids',
  'fb_action_types', 'fb_source', 'ga_source', 'ga_medium', 'ga_campaign', '__twitter_impression', 'source_rss',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hsa_', 'matomo_'];

/** Returns the canonical form of an http(s) URL (lower-case scheme and host, no fragment, default port or tracking parameters, sorted query), or null. */
export function canonicalizeUrl(url: string): string | null {
  const parsed = parseHttpUrl(url);
  if (!parsed) return null;
  parsed.hash = '';
  // WHATWG URL already lower-cases scheme and host and drops default ports; a trailing dot is the same host.
  if (parsed.hostname.endsWith('.')) parsed.hostname = parsed.hostname.slice(0, -1);
  const query = canonicalQuery(parsed.search);
  parsed.search = '';
  return parsed.href + (query === '' ? '' : '?' + query);
}

/** Returns the sha256 hex digest of title and text, with whitespace runs collapsed so reflowed text hashes the same. */
export function hashContent(title: string, text: string): string {
  const normalize = (s: string) => collapseSpaces(s.normalize('NFC')).trim();
  return createHash('sha256').update(normalize(title)).update('\u0000').update(normalize(text)).digest('hex');
}

/** Returns each item with its dedupe key; keys are unique within the result, exact repeats are dropped. */
export function assignDedupeKeys(items: ParsedItem[]): KeyedItem[] {
  const keyer = createDedupeKeyer();
  for (const item of items) keyer.add(item);
  return keyer.keyed;
}

/**
 * Keys items one at a time, as assignDedupeKeys does for a whole list, so the work can be split.
 * `take` hands out the items keyed since the last take; the keyer keeps only their keys, so items
 * taken and stored can be let go while later ones are still being keyed.
 */
export function createDedupeKeyer(): { add(item: ParsedItem): void; take(): KeyedItem[]; readonly keyed: KeyedItem[] } {
  const byKey = new Map<string, { canonicalUrl: string | null; contentHash: string }>();
  const keyed: KeyedItem[] = [];
  const add = (item: ParsedItem): void => {
    const canonicalUrl = item.url === null ? null : canonicalizeUrl(item.url);
    const contentHash = hashContent(item.title, item.text);
    for (const key of candidateKeys(item.guid?.trim() || null, canonicalUrl, contentHash)) {
      const earlier = byKey.get(key);
      if (earlier === undefined) {
        byKey.set(key, { canonicalUrl, contentHash });
        keyed.push({ item, key, canonicalUrl, contentHash });
        return;
      }
      if (earlier.canonicalUrl === canonicalUrl && earlier.contentHash === contentHash) return;
    }
  };
  return { add, take: () => keyed.splice(0), keyed };
}

// The base key first, then ever more specific variants; the last one is taken only by an entry
// with the same GUID, URL and content, which is a repeat.
function candidateKeys(guid: string | null, canonicalUrl: string | null, contentHash: string): string[] {
  if (guid !== null) {
    const base = `guid:${guid}`;
    if (canonicalUrl === null) return [base, `${base}|hash:${contentHash}`];
    return [base, `${base}|url:${canonicalUrl}`, `${base}|hash:${contentHash}`, `${base}|url:${canonicalUrl}|hash:${contentHash}`];
  }
  if (canonicalUrl !== null) return [`url:${canonicalUrl}`, `url:${canonicalUrl}|hash:${contentHash}`];
  return [`hash:${contentHash}`];
}

function canonicalQuery(search: string): string {
  const pairs = search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParam(paramName(pair)));
  // A stable sort by name keeps repeated parameters (`a=1&a=2`) in their meaningful order.
  return pairs
    .map((pair, index) => ({ pair, name: paramName(pair), index }))
    .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : x.index - y.index))
    .map((entry) => entry.pair)
    .join('&');
}

function paramName(pair: string): string {
  const raw = pair.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}
