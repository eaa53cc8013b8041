/**
 * Parses fetched bodies on a worker thread, so a large feed (up to 5 MiB, thousands of entries)
 * never holds the bot's event loop: chat commands keep their answers coming while it parses.
 * One worker serves every poll, started on first use and let go when the process has nothing else
 * to do. Small bodies parse in place, where the round trip would cost more than the parse.
 * When this module runs from its TypeScript source (tests), there is no compiled worker to start
 * and every body parses in place.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PageSelectors, ParsedSource, SourceKind } from '../domain.js';

/** Bodies at least this long go to the worker. */
export const OFF_THREAD_MIN_CHARS = 64 * 1024;

type SourceRef = { kind: SourceKind; selectors: PageSelectors | null; id: string };
/** A request to the worker and its answer. */
export interface ParseRequest { id: number; source: SourceRef; body: string; url: string }
export type ParseAnswer = { id: number; ok: true; parsed: ParsedSource } | { id: number; ok: false; message: string };

const workerFile = fileURLToPath(new URL('./parse-worker.js', import.meta.url));
let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve: (p: ParsedSource) => void; reject: (e: Error) => void }>();

/** Returns the items of a fetched body, parsed on the worker thread when it is large; errors as parseSourceBody's. */
export function parseOffThread(source: SourceRef, body: string, ctx: { url: string }): Promise<ParsedSource> {
  if (body.length < OFF_THREAD_MIN_CHARS || !canUseWorker()) return parseHere(source, body, ctx);
  const w = startWorker();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    if (waiting.size === 1) w.ref();
    w.postMessage({ id, source: { kind: source.kind, selectors: source.selectors, id: source.id }, body, url: ctx.url } satisfies ParseRequest);
  });
}

// The parsers (rss-parser and its XML stack) load on the first poll, not when the bot starts.
async function parseHere(source: SourceRef, body: string, ctx: { url: string }): Promise<ParsedSource> {
  const { parseSourceBody } = await import('./parse-source.js');
  return parseSourceBody(source, body, ctx);
}

function canUseWorker(): boolean {
  return import.meta.url.endsWith('.js') && existsSync(workerFile);
}

function startWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(workerFile);
  w.unref();
  w.on('message', (answer: ParseAnswer) => {
    const entry = waiting.get(answer.id);
    if (!entry) return;
    waiting.delete(answer.id);
    if (waiting.size === 0) w.unref();
    if (answer.ok) entry.resolve(answer.parsed);
    else entry.reject(new Error(answer.message));
  });
  // A crashed worker fails what it held; the next large body starts a new one.
  const fail = (err: Error) => {
    if (worker === w) worker = null;
    for (const [id, entry] of waiting) {
      waiting.delete(id);
      entry.reject(new Error(`parse: worker stopped (${err.message})`, { cause: err }));
    }
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`exit code ${code}`)));
  worker = w;
  return w;
}
