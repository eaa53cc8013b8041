import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, type Logger } from '../../../src/log.js';

/** Returns Slack's `v0=` request signature for a body and a timestamp in seconds. */
export function signSlackRequest(secret: string, timestampS: number, body: string): string {
  return 'v0=' + createHmac('sha256', secret).update(`v0:${timestampS}:${body}`).digest('hex');
}

/** A local response_url endpoint that records every JSON body posted to it. */
export interface ResponseUrlServer {
  url: string;
  bodies: Record<string, unknown>[];
  /** Resolves once `count` bodies have arrived. */
  waitFor(count: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts a response_url endpoint on 127.0.0.1. */
export async function startResponseUrlServer(): Promise<ResponseUrlServer> {
  const bodies: Record<string, unknown>[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      for (const w of waiters.filter((w) => bodies.length >= w.count)) w.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/respond`,
    bodies,
    waitFor: (count) =>
      bodies.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A logger that keeps its parsed lines, so tests can read what the adapter reported. */
export function createRecordingLogger(): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { log, lines };
}

/** Returns a slash-command form body as Slack sends it. */
export function slashCommandBody(fields: Record<string, string>): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: 'T1',
    team_domain: 'example',
    channel_id: 'C42',
    channel_name: 'treaty',
    user_id: 'U777',
    user_name: 'analyst',
    command: '/article',
    text: '28.4',
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    ...fields,
  };
}
