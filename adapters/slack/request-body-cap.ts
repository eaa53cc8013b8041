import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '../../src/log.js';

/** The largest request body HTTP mode reads; Slack's slash commands and events are a few KB. */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/**
 * Returns a request listener that reads the body itself, at most `maxBytes`, before Bolt sees the
 * request. Bolt buffers the whole body before it checks the signature, so without this anyone who
 * can reach the port could make the process hold any amount of memory. A declared or streamed
 * body over the cap gets 413 and the connection is closed; a body within it is handed to Bolt as
 * `rawBody`, which Bolt uses instead of reading the stream again.
 */
export function capRequestBody(next: RequestListener, deps: { log: Logger; maxBytes?: number }): RequestListener {
  const maxBytes = deps.maxBytes ?? MAX_REQUEST_BODY_BYTES;
  return (req: IncomingMessage, res: ServerResponse) => {
    const refuse = (): void => {
      deps.log.warn('slack request refused', { reason: 'body_too_large', max_bytes: maxBytes });
      // Stop reading at once: the rest of the body is never buffered.
      req.pause();
      res.writeHead(413, { connection: 'close' }).end(() => req.destroy());
    };
    if (Number(req.headers['content-length'] ?? 0) > maxBytes) {
      refuse();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBytes) {
        refused = true;
        chunks.length = 0;
        refuse();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => undefined);
    req.on('end', () => {
      if (refused) return;
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = Buffer.concat(chunks, size);
      next(req, res);
    });
  };
}
