/** The parse worker thread: parses each body it is sent and answers with the items or the error message. */
import { parentPort } from 'node:worker_threads';
import type { ParseAnswer, ParseRequest } from './parse-off-thread.js';
import { parseSourceBody } from './parse-source.js';

parentPort?.on('message', (req: ParseRequest) => {
  parseSourceBody(req.source, req.body, { url: req.url }).then(
    (parsed) => parentPort?.postMessage({ id: req.id, ok: true, parsed } satisfies ParseAnswer),
    (err: unknown) => parentPort?.postMessage({ id: req.id, ok: false, message: err instanceof Error ? err.message : String(err) } satisfies ParseAnswer),
  );
});
