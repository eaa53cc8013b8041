/**
 * The polling flow, top to bottom: due sources -> fetch -> parse and dedupe key (large pages on a
 * worker thread) -> store the new items, tag and route them -> record the source's state and next check.
 * A feed's items are stored while it is still being read, batch by batch, so a large feed is never
 * held whole. Storing goes in chunks of bounded time, yielding to the event loop between them, so a
 * huge feed never holds chat commands up. Each chunk is one transaction (items, tags and deliveries
 * together); the source's validators and state are written only after the last chunk, so a crash
 * or a feed broken part-way fetches the whole feed again and the stored items are skipped as
 * already seen.
 * One catch site per source: a failure is recorded on that source's row and never stops the others.
 */
import type { KeyedItem, Source } from '../domain.js';
import { FetchError, type FetchResult } from '../fetch/fetch-result.js';
import { fetchUrl, type FetchOptions } from '../fetch/fetch-url.js';
import { computeNextCheck, shouldReportError } from '../fetch/next-check.js';
import { describeError, type Logger } from '../log.js';
import { parseAndKeyInBatches } from '../parse/parse-off-thread.js';
import type { Knowledge } from '../knowledge/load-knowledge.js';
import type { Db } from '../store/db.js';
import { updateChangedItems } from '../store/items-store.js';
import { dueSources, enabledSources, recordFetchFailure, recordFetchSuccess } from '../store/sources-store.js';
import { retagAndEdit, storeAndTagNewItems } from './tag-and-route.js';

/** How many sources are fetched at the same time. */
export const POLL_CONCURRENCY = 8;
/** How long one store chunk may hold the event loop before it commits and yields. */
export const STORE_CHUNK_MS = 10;
// The most items one step stores; with the time check between steps it bounds a chunk's overrun.
const MAX_STEP_ITEMS = 8;

export interface PollDeps {
  db: Db;
  knowledge: Knowledge;
  log: Logger;
  now: () => number;
  fetchOptions?: FetchOptions;
  /** False when the operator turned full-text enrichment off: new items are then never queued for it. */
  fullText?: boolean;
  /** A shorter interval for a source right now (session weeks), or null for its own. */
  intervalOverride?: (source: Source, nowMs: number) => number | null;
  /** Told of every source's poll (metrics). */
  onReport?: (report: PollReport) => void;
  /** Aborted when the bot stops: fetches in flight end at once and nothing more is fetched. */
  signal?: AbortSignal;
}

/** What one source's poll did. */
export interface PollReport {
  sourceId: string;
  status: 'new' | 'unchanged' | 'not-modified' | 'first-poll' | 'error';
  newItems: number;
  seenItems: number;
  /** Items already stored whose title or text changed in this fetch. */
  changedItems: number;
  error: string | null;
  /** True when the error is worth telling a person (4xx, parse errors, or transient ones several times in a row). */
  reported: boolean;
  nextCheckAtMs: number;
  durationMs: number;
}

/** Polls every due source (or, with `force`, every enabled source not backing off) and returns one report each. */
export async function pollSources(deps: PollDeps, opts: { force?: boolean } = {}): Promise<PollReport[]> {
  const nowMs = deps.now();
  const sources = opts.force ? enabledSources(deps.db, nowMs) : dueSources(deps.db, nowMs);
  const reports: PollReport[] = [];
  let next = 0;
  const worker = async () => {
    while (next < sources.length && !deps.signal?.aborted) {
      const source = sources[next++]!;
      const report = await pollSource(source, deps);
      if (deps.signal?.aborted) continue;
      deps.onReport?.(report);
      reports.push(report);
    }
  };
  await Promise.all(Array.from({ length: Math.min(POLL_CONCURRENCY, sources.length) }, worker));
  return reports.sort((a, b) => a.sourceId.localeCompare(b.sourceId));
}

/** Polls one source; never throws. */
export async function pollSource(source: Source, deps: PollDeps): Promise<PollReport> {
  const startedMs = deps.now();
  const intervalMs = deps.intervalOverride?.(source, startedMs) ?? source.intervalMs;
  try {
    const fetched = await fetchUrl(
      { url: source.url, etag: source.etag, lastModified: source.lastModified, trusted: source.origin !== 'user', signal: deps.signal },
      deps.fetchOptions,
    );
    const report = await storeFetched(source, fetched, intervalMs, deps);
    deps.log.info('source polled', { source_id: source.id, status: report.status, new_items: report.newItems, changed_items: report.changedItems, duration_ms: report.durationMs });
    // The end of a failure streak is news once, like its start.
    if (source.errorCount > 0) deps.log.info('source recovered', { source_id: source.id, failed_polls: source.errorCount });
    return report;
  } catch (err) {
    // Cancelled by a stop: not the source's fault; it stays due and is polled at the next start.
    if (deps.signal?.aborted) return report(source, 'error', 0, 0, source.nextCheckAtMs, startedMs, deps);
    return recordFailure(source, err, intervalMs, startedMs, deps);
  }
}

async function storeFetched(source: Source, fetched: FetchResult, intervalMs: number, deps: PollDeps): Promise<PollReport> {
  const startedMs = deps.now();
  const timing = { nowMs: startedMs, intervalMs, maxAgeMs: fetched.maxAgeMs, retryAfterMs: null, errorCount: 0 };
  if (fetched.status === 'not-modified') {
    const nextCheckAtMs = computeNextCheck({ ...timing, ttlMs: null });
    recordFetchSuccess(deps.db, source.id, {
      nowMs: startedMs, nextCheckAtMs, httpStatus: 304, status: 'not-modified', newItems: 0,
      etag: fetched.etag ?? source.etag, lastModified: fetched.lastModified ?? source.lastModified,
    });
    return report(source, 'not-modified', 0, 0, nextCheckAtMs, startedMs, deps);
  }

  // The decoded text is all the parse needs: the bytes (5 MiB for a large feed) can go now.
  fetched.bytes = new Uint8Array(0);
  // The first poll of a source records what is already there without alerting anyone (no flood).
  const firstPoll = source.firstPolledAtMs === null;
  let changed = 0;
  let stored = 0;
  const storeChunk = (chunk: KeyedItem[]): number => {
    const items = storeAndTagNewItems(deps.db, deps.knowledge, source.id, chunk, { deliverable: !firstPoll, fetchedAtMs: startedMs }, startedMs, deps.fullText ?? true);
    const inserted = new Set(items.map((i) => i.dedupeKey));
    const revised = firstPoll ? [] : updateChangedItems(deps.db, source.id, chunk.filter((k) => !inserted.has(k.key)), startedMs);
    if (revised.length > 0) retagAndEdit(deps.db, deps.knowledge, revised, startedMs, deps.fullText ?? true);
    changed += revised.length;
    return items.length;
  };
  const parsed = await parseAndKeyInBatches(source, fetched.body, { url: fetched.finalUrl }, async (batch) => {
    stored += await storeInChunks(batch, deps, storeChunk);
  });
  fetched.body = '';
  const nextCheckAtMs = computeNextCheck({ ...timing, ttlMs: parsed.ttlMs });
  recordFetchSuccess(deps.db, source.id, {
    nowMs: startedMs, nextCheckAtMs, httpStatus: fetched.httpStatus, newItems: stored,
    status: firstPoll ? 'first-poll' : stored > 0 ? 'new' : 'unchanged',
    etag: fetched.etag, lastModified: fetched.lastModified,
  });
  const status = firstPoll ? 'first-poll' : stored > 0 ? 'new' : 'unchanged';
  return { ...report(source, status, stored, parsed.count - stored, nextCheckAtMs, startedMs, deps), changedItems: changed };
}

/**
 * Runs `store` over the items in transactions that each last about STORE_CHUNK_MS (at least one
 * step), yielding to the event loop between them; returns the sum of what it returned. Steps start
 * at one item and grow while they stay quick, so cheap items go in batches and a heavy one alone.
 */
export async function storeInChunks(keyed: readonly KeyedItem[], deps: Pick<PollDeps, 'db'>, store: (chunk: KeyedItem[]) => number): Promise<number> {
  let at = 0;
  let total = 0;
  let step = 1;
  const runChunk = deps.db.transaction(() => {
    const started = performance.now();
    let n = 0;
    let i = at;
    do {
      const t = performance.now();
      n += store(keyed.slice(i, i + step));
      i += step;
      if (performance.now() - t < STORE_CHUNK_MS / 10 && step < MAX_STEP_ITEMS) step *= 2;
      else if (performance.now() - t > STORE_CHUNK_MS / 2 && step > 1) step /= 2;
    } while (i < keyed.length && performance.now() - started < STORE_CHUNK_MS);
    return { n, i };
  });
  while (at < keyed.length) {
    const done = runChunk.immediate();
    at = done.i;
    total += done.n;
    if (at < keyed.length) await new Promise((resolve) => setImmediate(resolve));
  }
  return total;
}

function recordFailure(source: Source, err: unknown, intervalMs: number, startedMs: number, deps: PollDeps): PollReport {
  const nowMs = deps.now();
  const errorCount = source.errorCount + 1;
  const fetchError = err instanceof FetchError ? err : null;
  const nextCheckAtMs = computeNextCheck({
    nowMs, intervalMs, ttlMs: null, maxAgeMs: null, retryAfterMs: fetchError?.retryAfterMs ?? null, errorCount,
  });
  const message = describeError(err);
  const reported = shouldReportError(err instanceof Error ? err : new Error(message), errorCount);
  try {
    recordFetchFailure(deps.db, source.id, { nowMs, nextCheckAtMs, httpStatus: fetchError?.httpStatus ?? null, error: message });
  } catch (storeErr) {
    deps.log.error('source state not saved', { source_id: source.id, error: storeErr });
  }
  const fields = { source_id: source.id, error: message, error_count: errorCount, next_check_at: new Date(nextCheckAtMs).toISOString() };
  // The first failure of a streak is said at info even when it may be transient; repeats only when
  // they become worth reporting, so a source down for a day does not fill the log.
  if (reported) deps.log.warn('source failed', fields);
  else if (errorCount === 1) deps.log.info('source failed', fields);
  else deps.log.debug('source failed', fields);
  return { sourceId: source.id, status: 'error', newItems: 0, seenItems: 0, changedItems: 0, error: message, reported, nextCheckAtMs, durationMs: nowMs - startedMs };
}

function report(source: Source, status: PollReport['status'], newItems: number, seenItems: number, nextCheckAtMs: number, startedMs: number, deps: PollDeps): PollReport {
  return { sourceId: source.id, status, newItems, seenItems, changedItems: 0, error: null, reported: false, nextCheckAtMs, durationMs: deps.now() - startedMs };
}
