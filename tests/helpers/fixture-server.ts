import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fixture server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
}

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 with a route table the test can change, recording every request. */
export interface FixtureServer {
  url: (path: string) => string;
  routes: Map<string, Route>;
  requests: SeenRequest[];
  close: () => Promise<void>;
}

/** Starts a fixture server on 127.0.0.1 with an ephemeral port. */
export async function startFixtureServer(routes: Record<string, Route> = {}): Promise<FixtureServer> {
  const table = new Map(Object.entries(routes));
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0]!;
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers });
    const route = table.get(path);
    if (route) route(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    routes: table,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Returns a route serving `body` with an ETag, answering 304 when the client sends it back. */
export function conditionalRoute(getBody: () => string, contentType = 'application/rss+xml; charset=utf-8'): Route {
  return (req, res) => {
    const body = getBody();
    const etag = '"' + Buffer.from(body).toString('base64url').slice(-16) + '-' + body.length + '"';
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': contentType, etag, 'last-modified': 'Mon, 02 Sep 2024 10:00:00 GMT' }).end(body);
  };
}

/** Returns a small RSS 2.0 document with one entry per [guid, title, description] tuple. */
export function rssFeed(entries: [guid: string, title: string, description: string][], opts: { ttlMinutes?: number } = {}): string {
  const items = entries.map(([guid, title, description]) => `
    <item>
      <guid isPermaLink="false">${guid}</guid>
      <title>${title}</title>
      <link>https://news.example.org/${guid}</link>
      <description>${description}</description>
      <pubDate>Mon, 02 Sep 2024 09:00:00 GMT</pubDate>
    </item>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example</title><link>https://news.example.org/</link><description>Example feed</description>${opts.ttlMinutes ? `<ttl>${opts.ttlMinutes}</ttl>` : ''}${items}
</channel></rss>`;
}
