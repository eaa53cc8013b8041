/**
 * The read-only tracker on the ops server: pages, feeds and the stylesheet. GET and HEAD only
 * (the ops server refuses the rest), a bounded URL, and on every answer a strict
 * Content-Security-Policy (no script at all), nosniff and no referrer. Feeds answer conditional
 * requests with 304, as the feeds we poll do (RFC 9110 section 13).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Knowledge } from '../knowledge/load-knowledge.js';
import type { Db } from '../store/db.js';
import { loadItemDigestFacts } from '../store/deliveries-store.js';
import { listNewestItemIds } from '../store/tracker-store.js';
import { PageError, renderArticlePage } from './article-page.js';
import { renderArticlesPage } from './articles-page.js';
import { buildFeed, FEED_ITEMS, type FeedDocument } from './build-feed.js';
import { renderConcernPage, renderConcernsPage } from './concern-pages.js';
import { renderHomePage } from './home-page.js';
import { resolveFeed } from './resolve-feed.js';
import { renderSearchPage } from './search-page.js';
import { renderSourcesPage } from './sources-page.js';
import { FAVICON_SVG, STYLESHEET } from './stylesheet.js';
import { html } from './html.js';
import { renderPage } from './render-page.js';

/** Longest request target (path and query) answered; longer ones get 414. */
export const MAX_URL_CHARS = 2_048;
/** Longest search text read from `?q=`. */
export const MAX_QUERY_CHARS = 200;

/** Headers on every tracker answer: nothing runs, nothing loads from elsewhere, no referrer leaves. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

const STATIC_FILES: Readonly<Record<string, { type: string; body: string }>> = {
  '/style.css': { type: 'text/css; charset=utf-8', body: STYLESHEET },
  '/favicon.svg': { type: 'image/svg+xml', body: FAVICON_SVG },
  '/favicon.ico': { type: 'image/svg+xml', body: FAVICON_SVG },
};

/** Answers a tracker request; returns false when the path is not the tracker's (the caller answers 404). */
export type WebRequestHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** What the tracker reads: the store, the clock, the public address and the knowledge. */
export interface WebDeps {
  db: Db;
  knowledge: Knowledge;
  now: () => number;
  baseUrl: () => string;
}

/** Returns the tracker's request handler over the store; `baseUrl` makes the feeds' absolute links. */
export function createWebHandler(deps: WebDeps): WebRequestHandler {
  return (req, res) => {
    const target = req.url ?? '/';
    if (target.length > MAX_URL_CHARS) return send(res, 414, 'text/plain; charset=utf-8', 'request target too long\n');
    const url = new URL(target, 'http://tracker.invalid');
    const asset = STATIC_FILES[url.pathname];
    if (asset) return send(res, 200, asset.type, asset.body, { 'cache-control': 'max-age=3600' });
    try {
      const page = routePage(deps, url);
      if (page !== null) return sendPage(res, page);
      const feed = routeFeed(deps, url.pathname);
      if (feed !== null) return sendFeed(req, res, feed);
    } catch (err) {
      // A malformed percent-escape in the path is the client's mistake, not ours.
      if (err instanceof URIError) return send(res, 400, 'text/plain; charset=utf-8', 'malformed path\n');
      throw err;
    }
    return false;
  };
}

function routePage(deps: Omit<WebDeps, 'baseUrl'>, url: URL): (() => string) | null {
  const { db, knowledge } = deps;
  const path = url.pathname;
  const segment = (prefix: string) => (path.startsWith(prefix) ? decodeURIComponent(path.slice(prefix.length)) : null);
  if (path === '/') return () => renderHomePage(db, knowledge, deps.now());
  if (path === '/articles') return () => renderArticlesPage(db, knowledge.articles, deps.now());
  if (path === '/concerns') return () => renderConcernsPage(db, knowledge.concerns, deps.now());
  if (path === '/sources') return () => renderSourcesPage(db, deps.now());
  if (path === '/search') return () => renderSearchPage(db, knowledge.articles, (url.searchParams.get('q') ?? '').slice(0, MAX_QUERY_CHARS));
  const article = segment('/article/');
  if (article !== null) return () => renderArticlePage(db, knowledge, article, url.searchParams.get('week'));
  const concern = segment('/concern/');
  if (concern !== null) return () => renderConcernPage(db, knowledge.concerns, concern);
  return null;
}

function routeFeed(deps: Omit<WebDeps, 'now'>, path: string): (() => FeedDocument) | null {
  const resolved = resolveFeed(deps.knowledge, path);
  if (resolved === null) return null;
  return () => {
    if ('error' in resolved) throw new PageError(404, resolved.error);
    const items = loadItemDigestFacts(deps.db, listNewestItemIds(deps.db, resolved.filter, FEED_ITEMS));
    return buildFeed(resolved.spec, items, resolved.format, deps.baseUrl(), deps.knowledge.concerns);
  };
}

function sendPage(res: ServerResponse, render: () => string): true {
  try {
    return send(res, 200, 'text/html; charset=utf-8', render(), { 'cache-control': 'no-cache' });
  } catch (err) {
    if (!(err instanceof PageError)) throw err;
    return send(res, err.status, 'text/html; charset=utf-8', renderPage({ title: 'Not found', body: html`<h1>${err.status === 404 ? 'Not found' : 'Bad request'}</h1><p>${err.message}</p>` }));
  }
}

function sendFeed(req: IncomingMessage, res: ServerResponse, render: () => FeedDocument): true {
  let doc: FeedDocument;
  try {
    doc = render();
  } catch (err) {
    if (!(err instanceof PageError)) throw err;
    return send(res, err.status, 'text/plain; charset=utf-8', `${err.message}\n`);
  }
  const etag = `"${createHash('sha256').update(doc.body).digest('base64url').slice(0, 27)}"`;
  // HTTP dates have whole seconds; Last-Modified is the newest entry's date.
  const lastModified = new Date(Math.floor(doc.updatedMs / 1000) * 1000).toUTCString();
  const validators = { etag, 'last-modified': lastModified, 'cache-control': 'no-cache' };
  if (isNotModified(req, etag, doc.updatedMs)) {
    res.writeHead(304, { ...SECURITY_HEADERS, ...validators }).end();
    return true;
  }
  return send(res, 200, doc.contentType, doc.body, validators);
}

// If-None-Match wins over If-Modified-Since when both are sent (RFC 9110 section 13.2.2).
function isNotModified(req: IncomingMessage, etag: string, updatedMs: number): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) return inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*');
  const ims = req.headers['if-modified-since'];
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && Math.floor(updatedMs / 1000) * 1000 <= since;
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): true {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': String(Buffer.byteLength(body)), ...headers }).end(body);
  return true;
}
