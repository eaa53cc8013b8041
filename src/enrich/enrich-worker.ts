/**
 * The enrichment worker: takes due jobs from the queue table, at most `concurrency` at a time and
 * one request per host every `hostIntervalMs`, and enriches them beside the poll (its own loop,
 * its own fetches, so a slow page never holds a poll up). The queue lives in SQLite, so a crash
 * or a stop loses nothing: an unfinished job is still pending and is taken again.
 */
import type { FetchOptions } from '../fetch/fetch-url.js';
import type { Logger } from '../log.js';
import type { Knowledge } from '../knowledge/load-knowledge.js';
import type { Db } from '../store/db.js';
import { listDueFullTextJobs, nextFullTextDueAt, postponeFullText, type FullTextJob } from '../store/fulltext-store.js';
import { enrichItem, type EnrichOutcome } from './enrich-item.js';
import { createHostPacer, hostOf } from './host-pacer.js';

/** Pages fetched at the same time. */
export const ENRICH_CONCURRENCY = 2;
/** Default gap between two requests to one host. */
export const DEFAULT_HOST_INTERVAL_MS = 2_000;
/** The longest the daemon's loop sleeps before looking at the queue again. */
export const IDLE_CHECK_MS = 60_000;

/** What the worker needs. */
export interface EnrichWorkerDeps {
  db: Db;
  knowledge: Knowledge;
  log: Logger;
  now: () => number;
  fetchOptions?: FetchOptions;
  concurrency?: number;
  hostIntervalMs?: number;
  /** Told of every finished try (progress bars, metrics). */
  onOutcome?: (outcome: EnrichOutcome) => void;
}

/** A running (or drainable) worker. */
export interface EnrichWorker {
  /** Runs in the background until stopped (the daemon). */
  start(): void;
  /** Looks at the queue now (new items were queued). */
  poke(): void;
  /** Works until no job is due now and none is in flight (backfill, tests); returns the tries made. */
  drain(): Promise<number>;
  /** Cancels fetches in flight (their jobs stay pending) and waits for them to settle. */
  stop(): Promise<void>;
}

/** Returns an enrichment worker over the queue table. */
export function createEnrichWorker(deps: EnrichWorkerDeps): EnrichWorker {
  const concurrency = Math.max(1, deps.concurrency ?? ENRICH_CONCURRENCY);
  const pacer = createHostPacer(deps.hostIntervalMs ?? DEFAULT_HOST_INTERVAL_MS);
  const inFlight = new Map<number, Promise<void>>();
  const abort = new AbortController();
  let stopped = false;
  let tries = 0;
  let wake: (() => void) | null = null;
  let loop: Promise<void> | null = null;

  // Starts every due job a free slot and a free host allow; returns how long until a paced host frees up.
  function fill(): number | null {
    if (stopped || inFlight.size >= concurrency) return null;
    const nowMs = deps.now();
    const jobs = listDueFullTextJobs(deps.db, nowMs, concurrency * 8, new Set(inFlight.keys()));
    let hostFreeAt: number | null = null;
    for (const job of jobs) {
      if (inFlight.size >= concurrency) break;
      const host = hostOf(job.url);
      // Politeness is about real time, whatever clock the queue's dates come from.
      const wallMs = Date.now();
      if (!pacer.tryTake(host, wallMs)) {
        hostFreeAt = Math.min(hostFreeAt ?? Infinity, pacer.freeAt(host) - wallMs);
        continue;
      }
      inFlight.set(job.itemId, run(job, host));
    }
    return hostFreeAt;
  }

  async function run(job: FullTextJob, host: string): Promise<void> {
    try {
      const outcome = await enrichItem(job, { db: deps.db, knowledge: deps.knowledge, now: deps.now, fetchOptions: deps.fetchOptions }, abort.signal);
      if (outcome.status !== 'cancelled') tries++;
      if ((outcome.status === 'retry' || outcome.status === 'failed') && outcome.retryAfterMs !== null) {
        // A 429 or 503 speaks for the whole host: its other items wait too.
        pacer.blockUntil(host, Date.now() + outcome.retryAfterMs);
      }
      logOutcome(deps.log, job, outcome);
      deps.onOutcome?.(outcome);
    } catch (err) {
      // Only the store can throw here (a locked or closed database); the job stays pending.
      deps.log.error('enrichment not saved', { item_id: job.itemId, error: err });
      if (!stopped) postponeFullText(deps.db, job.itemId, deps.now() + IDLE_CHECK_MS);
    } finally {
      inFlight.delete(job.itemId);
      wake?.();
    }
  }

  // Waits for a job to finish, a poke, or `ms`, whichever comes first.
  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      timer.unref();
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  }

  async function runLoop(): Promise<void> {
    while (!stopped) {
      let hostFreeAt: number | null;
      try {
        hostFreeAt = fill();
      } catch (err) {
        deps.log.error('enrichment queue unreadable', { error: err });
        hostFreeAt = null;
      }
      const dueAt = stopped ? null : nextFullTextDueAt(deps.db);
      const nowMs = deps.now();
      const dueIn = dueAt !== null && dueAt > nowMs ? dueAt - nowMs : Infinity;
      await pause(Math.min(IDLE_CHECK_MS, hostFreeAt ?? Infinity, dueIn));
    }
  }

  return {
    start() {
      loop ??= runLoop();
    },
    poke() {
      wake?.();
    },
    async drain() {
      const before = tries;
      for (;;) {
        const hostFreeAt = fill();
        if (inFlight.size === 0 && hostFreeAt === null) break;
        await pause(inFlight.size > 0 ? IDLE_CHECK_MS : (hostFreeAt ?? 0));
        if (stopped) break;
      }
      return tries - before;
    },
    async stop() {
      stopped = true;
      abort.abort();
      wake?.();
      await Promise.allSettled([...inFlight.values()]);
      await loop;
    },
  };
}

function logOutcome(log: Logger, job: FullTextJob, outcome: EnrichOutcome): void {
  if (outcome.status === 'done') {
    log.info('item enriched', { item_id: job.itemId, chars: outcome.chars, tags_changed: outcome.tagsChanged });
  } else if (outcome.status === 'retry') {
    log.debug('item enrichment failed', { item_id: job.itemId, error: outcome.error, will_retry: true });
  } else if (outcome.status === 'failed') {
    log.info('item enrichment given up', { item_id: job.itemId, error: outcome.error });
  }
}
