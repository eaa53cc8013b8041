import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError, type FetchRequest } from '../../src/fetch/fetch-result.js';
import { fetchUrl } from '../../src/fetch/fetch-url.js';
import { parseFeed } from '../../src/parse/parse-feed.js';
import { buildUserAgent, readProjectVersion } from '../../src/fetch/user-agent.js';
import { startLocalServer, type LocalServer } from './local-server.js';

const FIXTURES = new URL('../fixtures/fetch/', import.meta.url);
const REALWORLD = new URL('../fixtures/feeds-realworld/rss-parser/', import.meta.url);
const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Article 28(4) — compelled assistance</title></channel></rss>';
const ETAG = '"v1-abc"';
const LAST_MODIFIED = 'Tue, 21 Oct 2025 08:00:00 GMT';

let server: LocalServer;

const routes: Record<string, (res: ServerResponse, headers: Record<string, string | string[] | undefined>) => void> = {
  '/feed': (res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: ETAG, 'last-modified': LAST_MODIFIED, 'cache-control': 'public, max-age=900' });
    res.end(FEED);
  },
  '/conditional': (res, headers) => {
    if (headers['if-none-match'] === ETAG) {
      res.writeHead(304, { 'cache-control': 'max-age=60' });
      res.end();
      return;
    }
    res.writeHead(200, { etag: ETAG, 'last-modified': LAST_MODIFIED });
    res.end(FEED);
  },
  '/busy-seconds': (res) => {
    res.writeHead(429, { 'retry-after': '120' });
    res.end('slow down');
  },
  '/busy-date': (res) => {
    res.writeHead(429, { 'retry-after': new Date(Date.now() + 3_600_000).toUTCString() });
    res.end('slow down');
  },
  '/unavailable': (res) => {
    res.writeHead(503, { 'retry-after': '30' });
    res.end();
  },
  '/broken': (res) => {
    res.writeHead(500);
    res.end('oops');
  },
  '/missing': (res) => {
    res.writeHead(404);
    res.end('not here');
  },
  '/gzip': (res) => compressed(res, 'gzip', gzipSync(FEED)),
  '/br': (res) => compressed(res, 'br', brotliCompressSync(FEED)),
  '/deflate': (res) => compressed(res, 'deflate', deflateSync(FEED)),
  '/corrupt-gzip': (res) => compressed(res, 'gzip', Buffer.from('this is not gzip at all')),
  '/moved': (res) => {
    res.writeHead(301, { location: 'feed' });
    res.end();
  },
};

function compressed(res: ServerResponse, encoding: string, body: Buffer): void {
  res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8', 'content-encoding': encoding });
  res.end(body);
}

beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/realworld/')) {
      // Served as captured: no charset in the header, none in the document.
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(readFileSync(new URL(path.slice('/realworld/'.length), REALWORLD)));
      return;
    }
    const fixture = path.startsWith('/fixture/') ? path.slice('/fixture/'.length) : null;
    if (fixture) {
      const type = new URL(req.url ?? '/', 'http://x').searchParams.get('type');
      res.writeHead(200, type ? { 'content-type': type } : {});
      res.end(readFileSync(new URL(fixture, FIXTURES)));
      return;
    }
    const route = routes[path];
    if (route) route(res, req.headers);
    else {
      res.writeHead(404);
      res.end();
    }
  });
});
afterAll(() => server.close());

function request(path: string, extra: Partial<FetchRequest> = {}): FetchRequest {
  return { url: server.origin + path, etag: null, lastModified: null, trusted: false, ...extra };
}
const LOCAL = { allowPrivateAddresses: true, timeoutMs: 5_000 };

async function fetchError(path: string): Promise<FetchError> {
  const err = await fetchUrl(request(path), LOCAL).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}

describe('fetchUrl against a local server', () => {
  it('returns the body with validators, content type and max-age', async () => {
    const result = await fetchUrl(request('/feed'), LOCAL);
    expect(result).toMatchObject({
      status: 'ok',
      httpStatus: 200,
      finalUrl: server.origin + '/feed',
      body: FEED,
      contentType: 'application/rss+xml; charset=utf-8',
      etag: ETAG,
      lastModified: LAST_MODIFIED,
      maxAgeMs: 900_000,
    });
  });

  it('sends its User-Agent, accepted encodings and no validators on a first fetch', async () => {
    await fetchUrl(request('/feed?first'), LOCAL);
    const seen = server.requests.find((r) => r.url === '/feed?first');
    expect(seen?.headers['user-agent']).toBe(buildUserAgent(readProjectVersion(), 'https://github.com/treatywatch/treatywatch'));
    expect(seen?.headers['user-agent']).toMatch(/^treatywatch\/\d+\.\d+\.\d+ \(\+https:\/\/\S+\)$/);
    expect(seen?.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(seen?.headers['if-none-match']).toBeUndefined();
    expect(seen?.headers['if-modified-since']).toBeUndefined();
  });

  it('sends stored validators back and reports not-modified on 304, keeping the validators', async () => {
    const first = await fetchUrl(request('/conditional'), LOCAL);
    if (first.status !== 'ok') throw new Error('expected a body first');
    const second = await fetchUrl(request('/conditional?again', { etag: first.etag, lastModified: first.lastModified }), LOCAL);
    expect(second).toEqual({
      status: 'not-modified',
      httpStatus: 304,
      finalUrl: server.origin + '/conditional?again',
      etag: ETAG,
      lastModified: LAST_MODIFIED,
      maxAgeMs: 60_000,
    });
    const seen = server.requests.find((r) => r.url === '/conditional?again');
    expect(seen?.headers['if-none-match']).toBe(ETAG);
    expect(seen?.headers['if-modified-since']).toBe(LAST_MODIFIED);
  });

  it('drops a stored validator that would inject a header line', async () => {
    await fetchUrl(request('/feed?injected', { etag: '"x"\r\nX-Evil: 1' }), LOCAL);
    const seen = server.requests.find((r) => r.url === '/feed?injected');
    expect(seen?.headers['if-none-match']).toBeUndefined();
    expect(seen?.headers['x-evil']).toBeUndefined();
  });

  it('makes 429 transient with Retry-After given in seconds', async () => {
    const err = await fetchError('/busy-seconds');
    expect(err).toMatchObject({ kind: 'http', transient: true, httpStatus: 429, retryAfterMs: 120_000 });
    expect(err.message).toContain('/busy-seconds');
    expect(err.message).toContain('429');
  });

  it('makes 429 transient with Retry-After given as an HTTP date', async () => {
    const err = await fetchError('/busy-date');
    expect(err).toMatchObject({ kind: 'http', transient: true, httpStatus: 429 });
    // The date has one-second resolution, so allow for the rounding and the time the request took.
    expect(err.retryAfterMs).toBeGreaterThan(3_590_000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(3_600_000);
  });

  it('makes 503 transient with its Retry-After', async () => {
    expect(await fetchError('/unavailable')).toMatchObject({ kind: 'http', transient: true, httpStatus: 503, retryAfterMs: 30_000 });
  });

  it('makes other 5xx transient without a Retry-After', async () => {
    expect(await fetchError('/broken')).toMatchObject({ kind: 'http', transient: true, httpStatus: 500, retryAfterMs: null });
  });

  it('makes 404 a non-transient http error naming the URL', async () => {
    const err = await fetchError('/missing');
    expect(err).toMatchObject({ kind: 'http', transient: false, httpStatus: 404 });
    expect(err.message).toBe(`fetch: GET ${server.origin}/missing returned HTTP 404`);
  });

  it.each(['gzip', 'br', 'deflate'])('decodes a %s body', async (encoding) => {
    const result = await fetchUrl(request('/' + encoding), LOCAL);
    expect(result.status === 'ok' && result.body).toBe(FEED);
  });

  it('reports a corrupt compressed body as a decode error', async () => {
    expect(await fetchError('/corrupt-gzip')).toMatchObject({ kind: 'decode', transient: false });
  });

  it('follows a relative redirect and reports the final URL', async () => {
    const result = await fetchUrl(request('/moved'), LOCAL);
    expect(result).toMatchObject({ status: 'ok', finalUrl: server.origin + '/feed', body: FEED });
  });
});

describe('fetchUrl charset detection', () => {
  const cases: Array<[fixture: string, contentType: string | null, charset: string]> = [
    ['windows-1252-header.xml', 'application/rss+xml; charset=windows-1252', 'windows-1252'],
    ['iso-8859-1-prolog.xml', 'application/xml', 'windows-1252'],
    ['utf-16le-bom.xml', 'application/xml; charset=iso-8859-1', 'utf-16le'],
    ['shift-jis-prolog.xml', 'text/xml', 'shift_jis'],
    ['koi8-r-header.xml', 'text/xml; charset="KOI8-R"', 'koi8-r'],
    ['gb18030-meta.html', 'text/html', 'gb18030'],
    ['euc-kr-http-equiv.html', null, 'euc-kr'],
    ['utf-8-bom.xml', 'text/xml; charset=windows-1252', 'utf-8'],
  ];
  it.each(cases)('decodes %s (Content-Type %s) as %s', async (fixture, contentType, charset) => {
    const query = contentType ? '?type=' + encodeURIComponent(contentType) : '';
    const result = await fetchUrl(request(`/fixture/${fixture}${query}`), LOCAL);
    if (result.status !== 'ok') throw new Error('expected a body');
    const expected = readFileSync(new URL(fixture.replace(/\.\w+$/, '.expected.txt'), FIXTURES), 'utf8');
    expect(result.body).toBe(expected);
    expect(result.charset).toBe(charset);
    expect(result.charsetNote).toBeNull();
  });

  it('falls back to utf-8 with a note when the declared charset is unknown', async () => {
    const result = await fetchUrl(request('/fixture/unknown-charset.xml?type=text%2Fxml'), LOCAL);
    if (result.status !== 'ok') throw new Error('expected a body');
    expect(result.body).toBe(readFileSync(new URL('unknown-charset.expected.txt', FIXTURES), 'utf8'));
    expect(result.charset).toBe('utf-8');
    expect(result.charsetNote).toContain('x-no-such-charset');
  });

  it('reads an ISO-8859-1 feed that declares no charset anywhere as windows-1252', async () => {
    const result = await fetchUrl(request('/realworld/uolNoticias.rss'), LOCAL);
    if (result.status !== 'ok') throw new Error('expected a body');
    expect(result.charset).toBe('windows-1252');
    expect(result.charsetNote).toContain('windows-1252');
    const parsed = await parseFeed(result.body, { url: result.finalUrl });
    expect(parsed.items.length).toBeGreaterThan(5);
    expect(parsed.items.filter((i) => i.title.includes('\uFFFD'))).toEqual([]);
    expect(result.body).toContain('Últimas Notícias');
  });

  it('keeps valid undeclared UTF-8 as UTF-8', async () => {
    // No Content-Type, no encoding in the prolog, an em dash in the title.
    const result = await fetchUrl(request('/conditional'), LOCAL);
    if (result.status !== 'ok') throw new Error('expected a body');
    expect(result.body).toBe(FEED);
    expect(result.charset).toBe('utf-8');
    expect(result.charsetNote).toBeNull();
  });
});
