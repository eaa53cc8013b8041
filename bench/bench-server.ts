/**
 * A separate process serving what `start` polls during the bench, so its work and memory are not
 * the bot's: 200 small feeds answering with an ETag (304 when it matches), one ~5 MiB feed at
 * /large.xml, and a stand-in Slack Web API (any /api/<method> answers ok, as Slack's own does).
 * Prints its port on stdout; exits when stdin closes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateFeed, generateLargeFeed, seededRandom } from './generate.js';

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const random = seededRandom(Number(process.argv[2] ?? 1));
const small = Array.from({ length: 200 }, (_, i) => generateFeed(random, i, 20, 0.1));
const large = generateLargeFeed(random, MAX_BODY_BYTES - 64 * 1024);

const server = createServer((req, res) => {
  const url = req.url ?? '/';
  if (url.startsWith('/api/')) {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, user_id: 'UBENCH', bot_id: 'BBENCH', team_id: 'TBENCH', team: 'bench', url: 'https://bench.example/' }));
    return;
  }
  const feed = /^\/feed\/(\d+)\.xml$/.exec(url);
  const body = url === '/large.xml' ? large : feed ? small[Number(feed[1])] : undefined;
  if (body === undefined) return void res.writeHead(404).end();
  const etag = `"${url}"`;
  if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag });
  res.end(body);
});
server.keepAliveTimeout = 1000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
