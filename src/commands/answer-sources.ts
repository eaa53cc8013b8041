import { formatDate } from '../deliver/build-digest.js';
import { errorMessage, textMessage, type Message } from '../chat/message.js';
import type { SourceConfig } from '../domain.js';
import { fetchUrl, type FetchOptions } from '../fetch/fetch-url.js';
import { describeError, redactUrls } from '../log.js';
import { describeSourceHealth } from '../poll/source-health.js';
import type { Db } from '../store/db.js';
import { getSource, insertSource, listSources, removeSource } from '../store/sources-store.js';
import { usageOf } from './command-usage.js';

/** Checks a URL an admin wants to add: fetched (through the SSRF guard) and parsed once; returns how many items it has. */
export type CheckFeedUrl = (url: string) => Promise<{ finalUrl: string; items: number; title: string | null }>;

/** Returns the real check: `fetchUrl` with `trusted: false`, then the feed parser. */
export function createFeedUrlCheck(fetchOptions: FetchOptions = {}): CheckFeedUrl {
  return async (url) => {
    const fetched = await fetchUrl({ url, etag: null, lastModified: null, trusted: false }, fetchOptions);
    if (fetched.status !== 'ok') throw new Error('fetch: the server answered 304 to a first request');
    // The feed parsers load on first use, not when the bot starts.
    const { parseSourceBody } = await import('../parse/parse-source.js');
    const parsed = await parseSourceBody({ kind: 'feed', selectors: null, id: 'new-source' }, fetched.body, { url: fetched.finalUrl });
    if (parsed.items.length === 0) throw new Error('parse: the feed has no entries');
    return { finalUrl: fetched.finalUrl, items: parsed.items.length, title: parsed.items[0]?.title ?? null };
  };
}

/**
 * Returns the reply to `sources`: each source with its state, last success and last error. Any chat
 * user may ask, so URLs in the error keep no credentials or query (API keys live there); the
 * `treatywatch sources` command on the host shows them whole.
 */
export function answerSources(db: Db, nowMs: number): Message {
  const health = listSources(db).map((s) => describeSourceHealth(db, s, nowMs));
  if (health.length === 0) return textMessage('reply', 'No sources yet; they are loaded when the bot starts.');
  const items = health.map((h) => {
    const parts: string[] = [h.state];
    parts.push(h.lastSuccessAtMs !== null ? `last success ${formatDate(h.lastSuccessAtMs, 'UTC')}` : 'never fetched');
    if (h.errorCount > 0) parts.push(`${h.errorCount} error${h.errorCount === 1 ? '' : 's'}: ${redactUrls(h.lastError ?? '')}`.slice(0, 160));
    if (h.stale) parts.push('nothing new for far longer than usual');
    return [{ text: h.id, code: true }, { text: ` ${h.name} — ${parts.join(', ')}` }];
  });
  const failing = health.filter((h) => h.state === 'failing' || h.state === 'stale').length;
  return {
    kind: 'reply',
    summary: `${health.length} sources, ${failing} need attention`,
    blocks: [{ type: 'heading', text: `Sources (${health.length}, ${failing} need attention)` }, { type: 'list', items }],
  };
}

/** Returns the reply to `source add <url>` / `source remove <id>` (admin rights are checked by the caller). */
export async function answerSourceChange(db: Db, args: string, nowMs: number, checkFeedUrl: CheckFeedUrl): Promise<Message> {
  const [verb = '', arg = '', ...extra] = args.trim().split(/\s+/);
  if (extra.length > 0 || arg === '') return errorMessage('Give one URL to add or one source id to remove.', usageOf('source'));
  if (verb === 'remove') {
    const source = getSource(db, arg);
    if (!source) return errorMessage(`No source "${arg}"; "sources" lists them.`, usageOf('source'));
    removeSource(db, arg);
    return textMessage('reply', `Removed ${source.id} (${source.name}) and its items.${source.origin !== 'user' ? ' It is in the configured list, so it comes back at the next start unless removed there too.' : ''}`);
  }
  if (verb !== 'add') return errorMessage(`"source ${verb}" is not a command.`, usageOf('source'));
  let url: URL;
  try {
    url = new URL(arg.replace(/^<|>$/g, ''));
  } catch {
    return errorMessage(`"${arg}" is not a URL.`, usageOf('source'));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return errorMessage('Only http and https feeds can be added.', usageOf('source'));
  if (listSources(db).some((s) => s.url === url.href)) return errorMessage('That feed is already followed.', usageOf('source'));
  let checked: Awaited<ReturnType<CheckFeedUrl>>;
  try {
    checked = await checkFeedUrl(url.href);
  } catch (err) {
    return errorMessage(`Not added: ${describeError(err).slice(0, 200)}`, usageOf('source'));
  }
  const config: SourceConfig = { id: newSourceId(db, url), name: url.hostname, publisher: url.hostname, kind: 'feed', url: url.href };
  const source = insertSource(db, config, 'user', nowMs);
  return textMessage('reply', `Added ${source.id}: ${checked.items} entries found. Its current entries are recorded without alerts; new ones will reach subscribed channels.`);
}

function newSourceId(db: Db, url: URL): string {
  const base = ('user-' + url.hostname.replace(/^www\./, '').replace(/[^a-z0-9]+/gi, '-')).toLowerCase().slice(0, 40).replace(/-+$/, '');
  let id = base;
  for (let n = 2; getSource(db, id); n++) id = `${base}-${n}`;
  return id;
}
