import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import { parseMaxAge, parseRetryAfter } from './cache-headers.js';
import { decodeBody } from './decode-body.js';
import { FetchError, type FetchRequest, type FetchResult } from './fetch-result.js';
import { createGuardedLookup } from './guarded-lookup.js';
import { readBody } from './read-body.js';
import { checkUrlAllowed, describeUrl } from './ssrf-guard.js';
import { buildDefaultUserAgent } from './user-agent.js';

/** The whole request, from connecting to the last body byte, across every redirect. */
export const FETCH_TIMEOUT_MS = 20_000;
/** The largest body we accept, counted after decompression (and, separately, before it). */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** Redirects followed before giving up. */
export const MAX_REDIRECTS = 5;

/** Limits and identity for one fetch; every field has a default. */
export interface FetchOptions {
  timeoutMs?: number;
  maxBodyBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  /** Lets an untrusted URL reach loopback and private addresses (tests, operator-trusted hosts). */
  allowPrivateAddresses?: boolean;
  /** Exact addresses an untrusted URL may reach whatever their class (tests' own servers). */
  allowAddresses?: readonly string[];
  /** Chooses the body cap and whether to keep the raw bytes (a PDF) from the response's Content-Type. */
  bodyPolicy?: (contentType: string | null) => BodyPolicy;
}

/** How one response body is read: its size cap, and whether its bytes are kept undecoded. */
export interface BodyPolicy {
  maxBodyBytes: number;
  binary: boolean;
}

type Settings = Required<Omit<FetchOptions, 'allowAddresses' | 'bodyPolicy'>> & Pick<FetchOptions, 'allowAddresses' | 'bodyPolicy'>;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5';
// A validator echoed from an earlier response must not smuggle a line break into our request.
const SAFE_HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Returns the body of one conditional GET (or `not-modified`), following redirects; throws
 * FetchError naming the URL and what went wrong. One deadline covers the whole request.
 */
export async function fetchUrl(req: FetchRequest, opts: FetchOptions = {}): Promise<FetchResult> {
  const settings: Settings = {
    timeoutMs: opts.timeoutMs ?? FETCH_TIMEOUT_MS,
    maxBodyBytes: opts.maxBodyBytes ?? MAX_BODY_BYTES,
    maxRedirects: opts.maxRedirects ?? MAX_REDIRECTS,
    userAgent: opts.userAgent ?? buildDefaultUserAgent(),
    allowPrivateAddresses: opts.allowPrivateAddresses ?? false,
    allowAddresses: opts.allowAddresses,
    bodyPolicy: opts.bodyPolicy,
  };
  const deadline = new AbortController();
  let timedOut = false;
  // A per-socket idle timeout would let a server dripping one byte a second run forever.
  const timer = setTimeout(() => {
    timedOut = true;
    deadline.abort();
  }, settings.timeoutMs);
  const cancel = () => deadline.abort();
  if (req.signal?.aborted) cancel();
  req.signal?.addEventListener('abort', cancel, { once: true });
  const hop = { url: req.url };
  try {
    return await followRedirects(req, settings, deadline.signal, hop);
  } catch (err) {
    if (err instanceof FetchError) throw err;
    const shown = describeUrl(hop.url);
    if (timedOut) {
      throw new FetchError(`fetch: GET ${shown} timed out after ${settings.timeoutMs} ms`, { kind: 'timeout', transient: true, cause: err });
    }
    if (req.signal?.aborted) throw new FetchError(`fetch: GET ${shown} was cancelled`, { kind: 'network', transient: true, cause: err });
    const code = (err as NodeJS.ErrnoException).code;
    const what = code ?? (err instanceof Error ? err.message : String(err));
    throw new FetchError(`fetch: GET ${shown} failed: ${what}`, { kind: 'network', transient: true, cause: err });
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', cancel);
  }
}

async function followRedirects(req: FetchRequest, settings: Settings, signal: AbortSignal, hop: { url: string }): Promise<FetchResult> {
  const guard = { allowPrivateAddresses: settings.allowPrivateAddresses, allowAddresses: settings.allowAddresses };
  const lookup = req.trusted ? undefined : createGuardedLookup(guard);
  let url = parseStartUrl(req.url);
  const visited = new Set([url.href]);
  for (let redirects = 0; ; redirects++) {
    hop.url = url.href;
    if (!req.trusted) checkUrlAllowed(url, guard);
    const res = await sendRequest(url, buildHeaders(req, settings), lookup, signal);
    if (!REDIRECT_STATUSES.has(res.statusCode ?? 0)) return await readResponse(res, url, req, settings, signal);
    res.destroy();
    url = resolveRedirect(url, res, redirects + 1, settings.maxRedirects, visited);
  }
}

function parseStartUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause) {
    throw new FetchError(`fetch: "${describeUrl(raw)}" is not a valid URL`, { kind: 'blocked', transient: false, cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError(`fetch: ${describeUrl(url)} is not an http or https URL`, { kind: 'blocked', transient: false });
  }
  return url;
}

function resolveRedirect(from: URL, res: http.IncomingMessage, count: number, max: number, visited: Set<string>): URL {
  const fail = (why: string, cause?: unknown) =>
    new FetchError(`fetch: GET ${describeUrl(from)}: ${why}`, { kind: 'redirect', transient: false, httpStatus: res.statusCode ?? null, cause });
  const location = res.headers.location;
  if (!location) throw fail(`HTTP ${res.statusCode} without a Location header`);
  let next: URL;
  try {
    next = new URL(location, from);
  } catch (cause) {
    throw fail(`redirect to an invalid Location "${location.slice(0, 200)}"`, cause);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw fail(`redirect to a ${next.protocol} URL is not followed (only http and https)`);
  }
  if (visited.has(next.href)) throw fail(`redirect loop back to ${describeUrl(next)}`);
  if (count > max) throw fail(`more than ${max} redirects`);
  visited.add(next.href);
  return next;
}

function buildHeaders(req: FetchRequest, settings: Settings): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = {
    'user-agent': settings.userAgent,
    accept: ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (req.etag && SAFE_HEADER_VALUE.test(req.etag)) headers['if-none-match'] = req.etag;
  if (req.lastModified && SAFE_HEADER_VALUE.test(req.lastModified)) headers['if-modified-since'] = req.lastModified;
  return headers;
}

function sendRequest(url: URL, headers: http.OutgoingHttpHeaders, lookup: LookupFunction | undefined, signal: AbortSignal): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    // agent: false gives each request its own socket, so a connection opened under one guard
    // setting is never reused for a request that should have been checked differently.
    const options: http.RequestOptions = { method: 'GET', headers, agent: false, signal };
    if (lookup) options.lookup = lookup;
    const request = client.request(url, options, resolve);
    request.on('error', reject);
    request.end();
  });
}

async function readResponse(
  res: http.IncomingMessage,
  url: URL,
  req: FetchRequest,
  settings: Settings,
  signal: AbortSignal,
): Promise<FetchResult> {
  const status = res.statusCode ?? 0;
  const shown = describeUrl(url);
  const etag = firstHeader(res.headers.etag);
  const lastModified = firstHeader(res.headers['last-modified']);
  const maxAgeMs = parseMaxAge(firstHeader(res.headers['cache-control']));
  if (status === 304) {
    res.destroy();
    // RFC 9111 4.3.4: a 304 may omit validators that still hold, so keep the ones we sent.
    return { status: 'not-modified', httpStatus: 304, finalUrl: url.href, etag: etag ?? req.etag, lastModified: lastModified ?? req.lastModified, maxAgeMs };
  }
  if (status < 200 || status > 299) {
    res.destroy();
    const busy = status === 429 || status === 503;
    const retryAfterMs = busy ? parseRetryAfter(firstHeader(res.headers['retry-after']), Date.now()) : null;
    throw new FetchError(`fetch: GET ${shown} returned HTTP ${status}`, {
      kind: 'http',
      transient: status === 429 || status >= 500,
      httpStatus: status,
      retryAfterMs,
    });
  }
  const contentType = firstHeader(res.headers['content-type']);
  const policy = settings.bodyPolicy?.(contentType) ?? { maxBodyBytes: settings.maxBodyBytes, binary: false };
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > policy.maxBodyBytes) {
    res.destroy();
    throw new FetchError(`fetch: GET ${shown}: the response declares ${declared} bytes, more than ${policy.maxBodyBytes}`, {
      kind: 'too-large',
      transient: false,
    });
  }
  const bytes = await readBody(res, {
    contentEncoding: firstHeader(res.headers['content-encoding']),
    maxBodyBytes: policy.maxBodyBytes,
    url: shown,
    signal,
  });
  if (policy.binary) {
    return { status: 'ok', httpStatus: status, finalUrl: url.href, body: '', bytes, contentType, etag, lastModified, maxAgeMs };
  }
  const decoded = await decodeBody(bytes, contentType);
  return {
    status: 'ok',
    httpStatus: status,
    finalUrl: url.href,
    body: decoded.text,
    bytes,
    contentType,
    etag,
    lastModified,
    maxAgeMs,
    charset: decoded.charset,
    charsetNote: decoded.note,
  };
}

function firstHeader(value: string | string[] | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? null : first;
}
