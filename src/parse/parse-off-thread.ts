/**
 * Parses fetched bodies and computes their dedupe keys without holding the bot's event loop, so
 * chat commands keep being answered while a large source is read.
 * - Feeds (up to 5 MiB, thousands of entries) are read on this thread, entry by entry, yielding
 *   between slices (see stream-feed.ts). No second heap and no whole-document tree: this is what
 *   keeps the bot's memory low while it polls.
 * - Large pages and treaty records are parsed into a DOM, which cannot be done in slices. They go
 *   to a worker thread, which sends the keyed items back in small batches, the next only when the
 *   main thread asks for it. The article text of enriched pages (Readability) is read there too.
 *   One worker serves every poll, started on first use and never keeping the process alive by
 *   itself. When this module runs from its TypeScript source (tests), there is no compiled worker
 *   to start and every body parses in place.
 * Dedupe keys are computed in slices of bounded time too.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { KeyedItem, PageSelectors, ParsedItem, SourceKind } from '../domain.js';
import type { Extraction } from './read-article.js';

/** Pages and treaty records at least this long go to the worker. */
export const OFF_THREAD_MIN_CHARS = 64 * 1024;
/** How long computing dedupe keys may hold the event loop before it yields. */
const KEY_YIELD_MS = 8;
/** Keyed items per message from the worker. */
export const OFF_THREAD_BATCH = 200;

type SourceRef = { kind: SourceKind; selectors: PageSelectors | null; id: string };
/** A parsed body: its items with their dedupe keys, and the feed's TTL. */
export interface KeyedSource { keyed: KeyedItem[]; ttlMs: number | null }
/** A request to the worker (a body, or the next batch of one), and its answers: batches of items, then the end (or the error). */
export type ParseRequest =
  | { id: number; kind: 'part'; text: string }
  | { id: number; kind: 'parse'; source: SourceRef; url: string }
  | { id: number; kind: 'read-article' }
  | { id: number; kind: 'next' };
/** Characters of body per message to the worker: copying a 5 MiB string in one message would hold the loop. */
const PART_CHARS = 256 * 1024;
export type ParseAnswer =
  | { id: number; kind: 'batch'; keyed: KeyedItem[] }
  | { id: number; kind: 'done'; ttlMs: number | null }
  | { id: number; kind: 'article'; extraction: Extraction }
  | { id: number; kind: 'error'; message: string };

const workerFile = fileURLToPath(new URL('./parse-worker.js', import.meta.url));
let worker: Worker | null = null;
let nextId = 1;
interface Waiting { keyed: KeyedItem[]; resolve: (p: KeyedSource) => void; reject: (e: Error) => void }
const waiting = new Map<number, Waiting>();
const readings = new Map<number, { resolve: (e: Extraction) => void; reject: (e: Error) => void }>();

/** Returns the keyed items of a fetched body, parsed on the worker thread when it is large; errors as parseSourceBody's. */
export async function parseAndKey(source: SourceRef, body: string, ctx: { url: string }): Promise<KeyedSource> {
  if (source.kind === 'feed' || body.length < OFF_THREAD_MIN_CHARS || !canUseWorker()) return parseAndKeyHere(source, body, ctx);
  const w = startWorker();
  const id = nextId++;
  const done = new Promise<KeyedSource>((resolve, reject) => {
    waiting.set(id, { keyed: [], resolve, reject });
    holdWorker(w);
  });
  await sendBody(w, id, body);
  w.postMessage({ id, kind: 'parse', source: { kind: source.kind, selectors: source.selectors, id: source.id }, url: ctx.url } satisfies ParseRequest);
  return done;
}

/**
 * Returns the article text of an HTML page (see read-article.ts), read on the worker thread: on a
 * busy machine Readability holds a thread for seconds on a large page. In place when there is no
 * compiled worker (tests run from the TypeScript source).
 */
export async function readArticleOffThread(html: string): Promise<Extraction> {
  if (!canUseWorker()) return (await import('./read-article.js')).readArticle(html);
  const w = startWorker();
  const id = nextId++;
  const done = new Promise<Extraction>((resolve, reject) => {
    readings.set(id, { resolve, reject });
    holdWorker(w);
  });
  await sendBody(w, id, html);
  w.postMessage({ id, kind: 'read-article' } satisfies ParseRequest);
  return done;
}

async function sendBody(w: Worker, id: number, body: string): Promise<void> {
  for (let at = 0; at < body.length; at += PART_CHARS) {
    w.postMessage({ id, kind: 'part', text: body.slice(at, at + PART_CHARS) } satisfies ParseRequest);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

// The worker keeps the process alive only while it holds work: held when its first job comes in,
// let go when its last one is answered.
function holdWorker(w: Worker): void {
  if (waiting.size + readings.size === 1) w.ref();
}

function releaseWorkerIfIdle(w: Worker): void {
  if (waiting.size + readings.size === 0) w.unref();
}

/** Takes keyed items while a body is still being read; the parse waits for it before reading on. */
export type KeyedSink = (keyed: KeyedItem[]) => Promise<void>;

/**
 * Parses and keys a body, handing its keyed items to `sink` in batches, and returns how many there
 * were and the feed's TTL. A feed hands them out as it is read, so a large one is never held whole;
 * other kinds are parsed as parseAndKey does and handed out at once. A failure of `sink` rejects as
 * itself, never as a parse error; a feed that breaks half-way rejects after the batches before it.
 */
export async function parseAndKeyInBatches(source: SourceRef, body: string, ctx: { url: string }, sink: KeyedSink): Promise<{ count: number; ttlMs: number | null }> {
  if (source.kind !== 'feed') {
    const parsed = await parseAndKey(source, body, ctx);
    await sink(parsed.keyed);
    return { count: parsed.keyed.length, ttlMs: parsed.ttlMs };
  }
  const [{ parseSourceBody }, { createDedupeKeyer }] = await Promise.all([import('./parse-source.js'), import('./dedupe-key.js')]);
  const keyer = createDedupeKeyer();
  let count = 0;
  let sinkFailure: { error: unknown } | null = null;
  const hand = async (items: ParsedItem[]) => {
    for (const item of items) keyer.add(item);
    const batch = keyer.take();
    count += batch.length;
    try {
      await sink(batch);
    } catch (error) {
      sinkFailure = { error };
      throw error;
    }
  };
  try {
    const parsed = await parseSourceBody(source, body, ctx, hand);
    return { count, ttlMs: parsed.ttlMs };
  } catch (err) {
    // The parsers wrap what they catch as `parse: ...`; a store failure is not the feed's fault.
    throw sinkFailure ? (sinkFailure as { error: unknown }).error : err;
  }
}

/** Parses and keys a body on the calling thread (the worker's own work, and small bodies). */
export async function parseAndKeyHere(source: SourceRef, body: string, ctx: { url: string }): Promise<KeyedSource> {
  // The parsers (rss-parser and its XML stack) load on the first poll, not when the bot starts.
  const [{ parseSourceBody }, { createDedupeKeyer }] = await Promise.all([import('./parse-source.js'), import('./dedupe-key.js')]);
  const parsed = await parseSourceBody(source, body, ctx);
  const keyer = createDedupeKeyer();
  for (let at = 0; at < parsed.items.length; ) {
    const started = performance.now();
    do keyer.add(parsed.items[at++]!);
    while (at < parsed.items.length && performance.now() - started < KEY_YIELD_MS);
    if (at < parsed.items.length) await new Promise((resolve) => setImmediate(resolve));
  }
  return { keyed: keyer.keyed, ttlMs: parsed.ttlMs };
}

/** Stops the worker, failing the parses it holds with a `parse: worker stopped` error; the next large body starts a new one. */
export async function stopParseWorker(): Promise<void> {
  await worker?.terminate();
}

function canUseWorker(): boolean {
  return import.meta.url.endsWith('.js') && existsSync(workerFile);
}

function startWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(workerFile);
  w.unref();
  w.on('message', (answer: ParseAnswer) => {
    const reading = readings.get(answer.id);
    if (reading) {
      readings.delete(answer.id);
      releaseWorkerIfIdle(w);
      if (answer.kind === 'article') reading.resolve(answer.extraction);
      else reading.reject(new Error(answer.kind === 'error' ? answer.message : `parse: unexpected ${answer.kind} answer to a page read`));
      return;
    }
    const entry = waiting.get(answer.id);
    if (!entry) return;
    if (answer.kind === 'batch') {
      for (const k of answer.keyed) entry.keyed.push(k);
      setImmediate(() => w.postMessage({ id: answer.id, kind: 'next' } satisfies ParseRequest));
      return;
    }
    waiting.delete(answer.id);
    releaseWorkerIfIdle(w);
    if (answer.kind === 'done') entry.resolve({ keyed: entry.keyed, ttlMs: answer.ttlMs });
    else entry.reject(new Error(answer.kind === 'error' ? answer.message : `parse: unexpected ${answer.kind} answer to a parse`));
  });
  // A crashed worker fails what it held; the next large body starts a new one.
  const fail = (err: Error) => {
    if (worker === w) worker = null;
    for (const pending of [waiting, readings]) {
      for (const [id, entry] of pending) {
        pending.delete(id);
        entry.reject(new Error(`parse: worker stopped (${err.message})`, { cause: err }));
      }
    }
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`exit code ${code}`)));
  worker = w;
  return w;
}
