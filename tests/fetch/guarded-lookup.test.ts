import { get } from 'node:http';
import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError } from '../../src/fetch/fetch-result.js';
import { fetchUrl } from '../../src/fetch/fetch-url.js';
import { createGuardedLookup, type ResolveHost } from '../../src/fetch/guarded-lookup.js';
import { startLocalServer, type LocalServer } from './local-server.js';

// A resolver that answers from a table, so no test ever asks a real DNS server.
function fakeResolver(table: Record<string, string[]>): ResolveHost {
  return async (hostname) => (table[hostname] ?? []).map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
}

function lookupOnce(hostname: string, all: boolean, opts: Parameters<typeof createGuardedLookup>[0]) {
  const lookup = createGuardedLookup(opts);
  return new Promise<{ err: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
    lookup(hostname, { all }, (err, address) => resolve({ err, address })),
  );
}

describe('createGuardedLookup', () => {
  const resolve = fakeResolver({
    'feeds.example': ['93.184.215.14'],
    'rebind.example': ['10.0.0.7'],
    'metadata.example': ['169.254.169.254'],
    'mixed.example': ['93.184.215.14', '127.0.0.1'],
    'mapped.example': ['::ffff:127.0.0.1'],
    'local.example': ['127.0.0.1'],
  });

  it('passes public answers through in both callback forms', async () => {
    expect(await lookupOnce('feeds.example', false, { resolve })).toEqual({ err: null, address: '93.184.215.14' });
    expect(await lookupOnce('feeds.example', true, { resolve })).toEqual({ err: null, address: [{ address: '93.184.215.14', family: 4 }] });
  });

  it.each([
    ['rebind.example', 'private'],
    ['metadata.example', 'link-local'],
    ['mixed.example', 'loopback'],
    ['mapped.example', 'loopback'],
    ['nothing.example', 'no address'],
  ])('refuses %s, which resolves to a %s address', async (hostname, why) => {
    const { err } = await lookupOnce(hostname, true, { resolve });
    expect(err).toBeInstanceOf(FetchError);
    expect(err).toMatchObject({ kind: 'blocked', transient: false });
    expect(err?.message).toContain(hostname);
    expect(err?.message).toContain(why);
  });

  it('passes private answers when relaxed', async () => {
    expect(await lookupOnce('local.example', false, { resolve, allowPrivateAddresses: true })).toEqual({ err: null, address: '127.0.0.1' });
  });
});

describe('the guard on real connections to 127.0.0.1', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startLocalServer((req, res) => {
      if (req.url === '/to-credentials') {
        res.writeHead(302, { location: `http://user:pw@127.0.0.1:${server.port}/feed` });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end('<rss/>');
    });
  });
  afterAll(() => server.close());

  // http.get with the guarded lookup for a name the fake resolver maps to the local server.
  function getThroughGuard(path: string, allowPrivateAddresses: boolean): Promise<number | Error> {
    const lookup = createGuardedLookup({ allowPrivateAddresses, resolve: fakeResolver({ 'rebind.example': ['127.0.0.1'] }) });
    return new Promise((resolve) => {
      const req = get({ host: 'rebind.example', port: server.port, path, lookup, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', resolve);
    });
  }

  it('refuses at connect time a name that resolves to loopback, before any request is sent', async () => {
    const outcome = await getThroughGuard('/rebind-refused', false);
    expect(outcome).toBeInstanceOf(FetchError);
    expect((outcome as FetchError).kind).toBe('blocked');
    expect(server.requests.some((r) => r.url === '/rebind-refused')).toBe(false);
  });

  it('connects through the same lookup when private addresses are allowed', async () => {
    expect(await getThroughGuard('/rebind-allowed', true)).toBe(200);
    expect(server.requests.some((r) => r.url === '/rebind-allowed')).toBe(true);
  });

  it('refuses an untrusted URL to 127.0.0.1 by default without connecting', async () => {
    const req = { url: server.origin + '/default-refused', etag: null, lastModified: null, trusted: false };
    await expect(fetchUrl(req, { timeoutMs: 1_500 })).rejects.toMatchObject({ kind: 'blocked', message: expect.stringContaining('loopback') });
    expect(server.requests.some((r) => r.url === '/default-refused')).toBe(false);
  });

  it('fetches the same URL when private addresses are allowed, or when the URL is trusted', async () => {
    const req = { url: server.origin + '/feed', etag: null, lastModified: null, trusted: false };
    await expect(fetchUrl(req, { allowPrivateAddresses: true, timeoutMs: 1_500 })).resolves.toMatchObject({ status: 'ok', body: '<rss/>' });
    await expect(fetchUrl({ ...req, trusted: true }, { timeoutMs: 1_500 })).resolves.toMatchObject({ status: 'ok', body: '<rss/>' });
  });

  it('checks every redirect hop: an allowed first hop redirecting to a refused URL fails at that hop', async () => {
    const req = { url: server.origin + '/to-credentials', etag: null, lastModified: null, trusted: false };
    const err = await fetchUrl(req, { allowPrivateAddresses: true, timeoutMs: 1_500 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'blocked', message: expect.stringContaining('credentials') });
    expect((err as Error).message).not.toContain('pw@');
    expect(server.requests.filter((r) => r.url === '/feed' && r.headers.authorization !== undefined)).toEqual([]);
  });
});
