import type { ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError, type FetchErrorKind } from '../../src/fetch/fetch-result.js';
import { fetchUrl, MAX_BODY_BYTES } from '../../src/fetch/fetch-url.js';
import { startLocalServer, type LocalServer } from './local-server.js';

const MIB = 1024 * 1024;
const TIMEOUT_MS = 1_500;
const FEED = '<rss version="2.0"><channel><title>ok</title></channel></rss>';

let server: LocalServer;
// How many uncompressed bytes the gzip bomb route produced before the client hung up.
let bombBytesFed = 0;
const openTimers = new Set<NodeJS.Timeout>();

// Writes `total` zero bytes in 64 KiB chunks, honouring backpressure and stopping once `out` is gone.
function writeZeros(out: Writable, total: number, counted: (n: number) => void = () => {}): void {
  const chunk = Buffer.alloc(64 * 1024);
  let sent = 0;
  const pump = () => {
    while (sent < total && !out.destroyed) {
      sent += chunk.length;
      counted(chunk.length);
      if (!out.write(chunk)) {
        out.once('drain', pump);
        return;
      }
    }
    if (!out.destroyed) out.end();
  };
  pump();
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location });
  res.end();
}

const routes: Record<string, (res: ServerResponse) => void> = {
  '/huge-declared': (res) => {
    res.writeHead(200, { 'content-length': String(50 * MIB) });
    writeZeros(res, 50 * MIB);
  },
  '/huge-chunked': (res) => {
    res.writeHead(200, { 'content-type': 'text/xml' });
    writeZeros(res, 50 * MIB);
  },
  '/gzip-bomb': (res) => {
    // 1 GiB of zeros, compressed as it is sent so the test never holds the bomb in memory.
    res.writeHead(200, { 'content-type': 'application/xml', 'content-encoding': 'gzip' });
    const gzip = createGzip();
    gzip.pipe(res);
    res.on('close', () => gzip.destroy());
    writeZeros(gzip, 1024 * MIB, (n) => (bombBytesFed += n));
  },
  '/stall-after-headers': (res) => {
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.flushHeaders();
  },
  '/stall-before-headers': () => {},
  '/drip': (res) => {
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.write('<');
    const timer = setInterval(() => res.write('x'), 1_000);
    openTimers.add(timer);
    res.on('close', () => clearInterval(timer));
  },
  '/reset-mid-body': (res) => {
    res.writeHead(200, { 'content-length': '1000' });
    res.write('x'.repeat(100), () => res.socket?.destroy());
  },
  '/empty': (res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end();
  },
  '/loop-a': (res) => redirect(res, '/loop-b'),
  '/loop-b': (res) => redirect(res, '/loop-a'),
  '/to-file': (res) => redirect(res, 'file:///etc/passwd'),
  '/to-ftp': (res) => redirect(res, 'ftp://127.0.0.1/feed.xml'),
  '/to-javascript': (res) => redirect(res, 'javascript:alert(1)'),
  '/no-location': (res) => {
    res.writeHead(302);
    res.end();
  },
  '/feed': (res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(FEED);
  },
};

beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    // /hops/N redirects N more times before serving the feed.
    const hops = /^\/hops\/(\d+)$/.exec(path);
    if (hops) {
      const left = Number(hops[1]);
      if (left === 0) routes['/feed']?.(res);
      else redirect(res, `/hops/${left - 1}`);
      return;
    }
    const route = routes[path];
    if (route) route(res);
    else {
      res.writeHead(404);
      res.end();
    }
  });
});
afterAll(async () => {
  for (const timer of openTimers) clearInterval(timer);
  await server.close();
});

async function expectFailure(path: string, kind: FetchErrorKind, transient: boolean): Promise<FetchError> {
  const url = server.origin + path;
  const outcome = await fetchUrl({ url, etag: null, lastModified: null, trusted: false }, { allowPrivateAddresses: true, timeoutMs: TIMEOUT_MS }).then(
    (result) => result,
    (err: unknown) => err,
  );
  expect(outcome).toBeInstanceOf(FetchError);
  const err = outcome as FetchError;
  expect({ kind: err.kind, transient: err.transient }).toEqual({ kind, transient });
  expect(err.message).toMatch(/^fetch: /);
  expect(err.message).toContain(server.origin);
  return err;
}

describe('fetchUrl against hostile servers', () => {
  it('refuses a 50 MB body announced by Content-Length before reading it', async () => {
    const err = await expectFailure('/huge-declared', 'too-large', false);
    expect(err.message).toContain(String(50 * MIB));
  });

  it('stops reading a 50 MB chunked body at the cap', async () => {
    const err = await expectFailure('/huge-chunked', 'too-large', false);
    expect(err.message).toContain(String(MAX_BODY_BYTES));
  });

  it('stops a gzip bomb once the decompressed size passes the cap', async () => {
    const err = await expectFailure('/gzip-bomb', 'too-large', false);
    expect(err.message).toContain('decompressed');
    // Failing fast: the server compressed only a small part of its gigabyte before we hung up.
    expect(bombBytesFed).toBeLessThan(128 * MIB);
  });

  it('fails with a connection reset mid-body as a transient network error', async () => {
    const err = await expectFailure('/reset-mid-body', 'network', true);
    expect(err.message).toContain('/reset-mid-body');
  });

  it('returns an empty 200 body as ok with an empty string', async () => {
    const result = await fetchUrl(
      { url: server.origin + '/empty', etag: null, lastModified: null, trusted: false },
      { allowPrivateAddresses: true, timeoutMs: TIMEOUT_MS },
    );
    expect(result).toMatchObject({ status: 'ok', httpStatus: 200, body: '' });
  });

  it('detects a redirect loop', async () => {
    const err = await expectFailure('/loop-a', 'redirect', false);
    expect(err.message).toContain('loop');
  });

  it('follows five redirects but not six', async () => {
    const five = await fetchUrl(
      { url: server.origin + '/hops/5', etag: null, lastModified: null, trusted: false },
      { allowPrivateAddresses: true, timeoutMs: TIMEOUT_MS },
    );
    expect(five).toMatchObject({ status: 'ok', finalUrl: server.origin + '/hops/0', body: FEED });
    const err = await expectFailure('/hops/6', 'redirect', false);
    expect(err.message).toContain('more than 5 redirects');
  });

  it.each([
    ['/to-file', 'file:'],
    ['/to-ftp', 'ftp:'],
    ['/to-javascript', 'javascript:'],
  ])('refuses the redirect at %s to a %s URL', async (path, scheme) => {
    const err = await expectFailure(path, 'redirect', false);
    expect(err.message).toContain(scheme);
  });

  it('refuses the same non-http redirect for a trusted URL', async () => {
    const outcome = await fetchUrl({ url: server.origin + '/to-file', etag: null, lastModified: null, trusted: true }, { timeoutMs: TIMEOUT_MS }).catch(
      (err: unknown) => err,
    );
    expect(outcome).toMatchObject({ name: 'FetchError', kind: 'redirect' });
  });

  it('fails a redirect without a Location header', async () => {
    await expectFailure('/no-location', 'redirect', false);
  });
});

// These wait for the deadline, so they run side by side.
describe.concurrent('fetchUrl deadline', () => {
  it('times out a server that stalls after the headers', async () => {
    const err = await expectFailure('/stall-after-headers', 'timeout', true);
    expect(err.message).toContain(`timed out after ${TIMEOUT_MS} ms`);
  });

  it('times out a server that never sends headers', async () => {
    await expectFailure('/stall-before-headers', 'timeout', true);
  });

  it('times out a server that drips one byte a second', async () => {
    await expectFailure('/drip', 'timeout', true);
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = fetchUrl(
      { url: server.origin + '/stall-after-headers?cancel', etag: null, lastModified: null, trusted: false, signal: controller.signal },
      { allowPrivateAddresses: true, timeoutMs: 60_000 },
    );
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ kind: 'network', message: expect.stringContaining('cancelled') });
  });
});
