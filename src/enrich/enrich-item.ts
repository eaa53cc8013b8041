/**
 * Enriching one queued item, top to bottom: fetch its page (the shared fetcher, SSRF-guarded for
 * sources added from chat, HTML capped at 5 MiB and PDF at 15 MiB) -> main text -> one
 * transaction: store the text, re-tag the item from title, summary and full text, and owe the
 * digests it now matches. Alerts are never written here: they went out from the feed entry.
 * A failure is recorded on the queue row: transient ones are retried with backoff a few times,
 * the rest (and the last try) leave the item alone with its summary and the reason.
 */
import { routeNewItems } from '../deliver/route-items.js';
import type { ClassifyResult } from '../domain.js';
import { FetchError } from '../fetch/fetch-result.js';
import { fetchUrl, type BodyPolicy, type FetchOptions } from '../fetch/fetch-url.js';
import { describeError } from '../log.js';
import type { Db } from '../store/db.js';
import type { Knowledge } from '../knowledge/load-knowledge.js';
import { recordFullTextFailure, saveFullText, type FullTextJob } from '../store/fulltext-store.js';
import { getItems } from '../store/items-store.js';
import { getSource } from '../store/sources-store.js';
import { classifyStoredItem } from '../classify/classify-stored-item.js';
import { listItemRefs, saveClassification } from '../store/tags-store.js';
import { extractMainText } from './extract-main-text.js';
import type { Extraction } from '../parse/read-article.js';

/** The largest HTML page read. */
export const MAX_HTML_BYTES = 5 * 1024 * 1024;
/** The largest PDF read (UN documents run to a few megabytes). */
export const MAX_PDF_BYTES = 15 * 1024 * 1024;
/** Tries per item before it is left alone. */
export const MAX_ENRICH_ATTEMPTS = 4;
/** The wait after the first failed try; it doubles with each try. */
export const RETRY_BASE_MS = 10 * 60_000;
/** The longest wait between tries. */
export const MAX_RETRY_MS = 12 * 60 * 60_000;

/** What one try did. */
export type EnrichOutcome =
  | { status: 'done'; itemId: number; chars: number; tagsChanged: boolean; extractMs: number }
  | { status: 'retry' | 'failed'; itemId: number; error: string; retryAfterMs: number | null }
  | { status: 'cancelled'; itemId: number };

/** What enriching needs. */
export interface EnrichItemDeps {
  db: Db;
  knowledge: Knowledge;
  now: () => number;
  fetchOptions?: FetchOptions;
  random?: () => number;
}

// A PDF is kept as bytes for the PDF reader; everything else is decoded as text.
const bodyPolicy = (contentType: string | null): BodyPolicy =>
  /^application\/(?:x-)?pdf\b|^application\/octet-stream\b/i.test(contentType ?? '')
    ? { maxBodyBytes: MAX_PDF_BYTES, binary: true }
    : { maxBodyBytes: MAX_HTML_BYTES, binary: false };

/** Fetches, extracts and stores one queued item's page; never throws. */
export async function enrichItem(job: FullTextJob, deps: EnrichItemDeps, signal?: AbortSignal): Promise<EnrichOutcome> {
  let extraction: Extraction;
  let finalUrl = job.url;
  let contentType: string | null = null;
  let extractMs = 0;
  try {
    const fetched = await fetchUrl(
      { url: job.url, etag: null, lastModified: null, trusted: !job.untrusted, signal },
      { ...deps.fetchOptions, bodyPolicy },
    );
    if (fetched.status !== 'ok') throw new Error(`enrich: GET ${job.url} answered 304 to a request without validators`);
    finalUrl = fetched.finalUrl;
    contentType = fetched.contentType;
    const started = performance.now();
    extraction = await extractMainText({ url: finalUrl, contentType, body: fetched.body, bytes: fetched.bytes ?? null });
    extractMs = performance.now() - started;
  } catch (err) {
    if (signal?.aborted) return { status: 'cancelled', itemId: job.itemId };
    return recordFailure(job, err, deps);
  }
  if (!extraction.ok) return recordFailure(job, extraction.reason, deps, extraction.permanent);
  const saved = storeEnrichment(deps.db, deps.knowledge, job.itemId, { title: extraction.title, text: extraction.text, finalUrl, contentType }, deps.now());
  if (saved === null) return { status: 'cancelled', itemId: job.itemId };
  return { status: 'done', itemId: job.itemId, chars: extraction.text.length, tagsChanged: saved, extractMs };
}

/**
 * Stores the text and re-tags the item in one transaction; returns whether its tags changed, or
 * null when the item was no longer waiting (enriched by another run, or deleted).
 */
export function storeEnrichment(db: Db, knowledge: Knowledge, itemId: number, page: { title: string; text: string; finalUrl: string; contentType: string | null }, nowMs: number): boolean | null {
  return db.transaction(() => {
    const [item] = getItems(db, [itemId]);
    if (!item || !saveFullText(db, itemId, page, nowMs)) return null;
    const before = { relevant: item.relevant === true, articles: listItemRefs(db, itemId) };
    // The feed entry's summary stays part of the input: a teaser the page leaves out still counts.
    const fromPage = classifyStoredItem({ ...item, text: page.text }, getSource(db, item.sourceId), knowledge);
    // An item found relevant from its entry stays relevant: it may already sit in a digest.
    const result: ClassifyResult = { ...fromPage, relevant: fromPage.relevant || before.relevant };
    saveClassification(db, itemId, result, nowMs);
    routeNewItems(db, knowledge, [item], new Map([[itemId, result]]), nowMs, { alerts: false });
    return before.relevant !== result.relevant || before.articles.join(' ') !== [...result.articles].sort().join(' ');
  }).immediate();
}

function recordFailure(job: FullTextJob, err: unknown, deps: EnrichItemDeps, permanent = false): EnrichOutcome {
  const error = typeof err === 'string' ? err : describeError(err);
  const fetchError = err instanceof FetchError ? err : null;
  const transient = !permanent && (fetchError ? fetchError.transient : typeof err !== 'string');
  const attempt = job.attempts + 1;
  const nowMs = deps.now();
  let next: number | null = null;
  if (transient && attempt < MAX_ENRICH_ATTEMPTS) {
    const backoff = Math.min(MAX_RETRY_MS, RETRY_BASE_MS * 2 ** (attempt - 1)) * (1 - 0.2 * (deps.random ?? Math.random)());
    next = nowMs + Math.round(Math.max(backoff, fetchError?.retryAfterMs ?? 0));
  }
  recordFullTextFailure(deps.db, job.itemId, error, next, nowMs);
  return { status: next === null ? 'failed' : 'retry', itemId: job.itemId, error, retryAfterMs: fetchError?.retryAfterMs ?? null };
}
