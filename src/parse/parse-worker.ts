/**
 * The parse worker thread: parses and keys each body it is sent (in parts), then answers with one batch of
 * items each time the main thread asks for the next, then done (or the error). A page sent to be
 * read gets one answer: its article text, or why it has none.
 */
import { parentPort } from 'node:worker_threads';
import type { KeyedSource } from './parse-off-thread.js';
import { OFF_THREAD_BATCH, parseAndKeyHere, type ParseAnswer, type ParseRequest } from './parse-off-thread.js';
import { readArticle } from './read-article.js';

const results = new Map<number, { source: KeyedSource; at: number }>();
const bodies = new Map<number, string[]>();

function sendNext(id: number): void {
  const result = results.get(id);
  if (!result) return;
  const { source, at } = result;
  if (at >= source.keyed.length) {
    results.delete(id);
    parentPort?.postMessage({ id, kind: 'done', ttlMs: source.ttlMs } satisfies ParseAnswer);
    return;
  }
  result.at = at + OFF_THREAD_BATCH;
  parentPort?.postMessage({ id, kind: 'batch', keyed: source.keyed.slice(at, at + OFF_THREAD_BATCH) } satisfies ParseAnswer);
}

parentPort?.on('message', (req: ParseRequest) => {
  if (req.kind === 'next') return sendNext(req.id);
  if (req.kind === 'part') {
    bodies.set(req.id, [...(bodies.get(req.id) ?? []), req.text]);
    return;
  }
  const body = (bodies.get(req.id) ?? []).join('');
  bodies.delete(req.id);
  const fail = (err: unknown) => parentPort?.postMessage({ id: req.id, kind: 'error', message: err instanceof Error ? err.message : String(err) } satisfies ParseAnswer);
  if (req.kind === 'read-article') {
    readArticle(body).then(
      (extraction) => parentPort?.postMessage({ id: req.id, kind: 'article', extraction } satisfies ParseAnswer),
      (err: unknown) => fail(new Error(`parse: read page (${err instanceof Error ? err.message : String(err)})`)),
    );
    return;
  }
  parseAndKeyHere(req.source, body, { url: req.url }).then(
    (source) => {
      results.set(req.id, { source, at: 0 });
      sendNext(req.id);
    },
    fail,
  );
});
