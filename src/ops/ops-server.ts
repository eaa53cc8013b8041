import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.js';
import type { Metrics } from './metrics.js';

/** What `/readyz` checks: each part names itself and says whether it is up. */
export type ReadinessCheck = () => Record<string, boolean>;

/** A request must arrive whole within this long. */
export const OPS_REQUEST_TIMEOUT_MS = 10_000;

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Starts the operations HTTP server: `/healthz` (the process answers), `/readyz` (database open,
 * scheduler running, adapters connected; 503 naming what is not) and `/metrics` (Prometheus text).
 */
export async function startOpsServer(opts: {
  port: number; host?: string; metrics: Metrics; ready: ReadinessCheck; log: Logger;
  /** Answers other paths (the tracker pages and feeds); returns false when a path is not its own. */
  web?: (req: IncomingMessage, res: ServerResponse) => boolean;
}): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    try {
      if (path === '/healthz') {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ok\n');
      } else if (path === '/readyz') {
        const checks = opts.ready();
        const failing = Object.entries(checks).filter(([, up]) => !up).map(([name]) => name);
        res.writeHead(failing.length === 0 ? 200 : 503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ ready: failing.length === 0, checks, failing }) + '\n');
      } else if (path === '/metrics') {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(opts.metrics.render());
      } else if (!opts.web?.(req, res)) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      }
    } catch (err) {
      opts.log.error('ops request failed', { path, error: err });
      if (!res.headersSent) res.writeHead(500).end();
    }
  });
  // A client that opens a connection and never finishes its request is dropped, not waited for.
  server.headersTimeout = OPS_REQUEST_TIMEOUT_MS;
  server.requestTimeout = OPS_REQUEST_TIMEOUT_MS;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause: NodeJS.ErrnoException) => reject(new Error(
      `ops: cannot listen on ${host} port ${opts.port} (${cause.code ?? cause.message}); set TREATYWATCH_HTTP_PORT to a free port and TREATYWATCH_HTTP_HOST to an address of this host`,
      { cause },
    )));
    server.listen(opts.port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      // close() alone waits for every open connection, half-open ones included.
      server.closeAllConnections();
    }),
  };
}
