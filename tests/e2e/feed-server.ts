import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One feed entry served by the local feed server. */
export interface FeedEntry {
  guid: string;
  title: string;
  text: string;
}

/** Returns RSS 2.0 for the entries. */
export function renderFeed(entries: readonly FeedEntry[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const items = entries.map((e) => `<item><title>${esc(e.title)}</title><link>https://example.org/${e.guid}</link><guid>${e.guid}</guid>
    <pubDate>${new Date(Date.UTC(2026, 4, 5, 9)).toUTCString()}</pubDate><description>${esc(e.text)}</description></item>`);
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Fixture</title>${items.join('')}</channel></rss>`;
}

/** Starts a feed server on 127.0.0.1:0 serving `/<name>.xml` from `feeds`, which the test may change between polls. */
export async function startFeedServer(feeds: Map<string, FeedEntry[]>): Promise<{ base: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const name = /^\/([a-z0-9-]+)\.xml$/.exec(req.url ?? '')?.[1];
    const entries = name ? feeds.get(name) : undefined;
    if (!entries) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(renderFeed(entries));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, close: () => new Promise<void>((r) => server.close(() => r())) };
}
