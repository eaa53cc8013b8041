import { readFile } from 'node:fs/promises';
import { FetchError } from '../fetch/fetch-result.js';
import { fetchUrl, type FetchOptions } from '../fetch/fetch-url.js';

/** The bytes of a document to import, what the server said it is, and its validators. */
export interface ImportSource {
  location: string;
  bytes: Uint8Array;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
}

/** Validators of a document read before, sent so an unchanged document is not downloaded again. */
export interface ImportValidators {
  etag: string | null;
  lastModified: string | null;
}

/** Largest document accepted: the resolution PDF is about one megabyte. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Whole-download limit for a URL. */
export const IMPORT_TIMEOUT_MS = 60_000;

/** Options for reading a document: limits, validators, and the fetcher's settings. */
export interface ReadImportOptions {
  timeoutMs?: number;
  maxBytes?: number;
  validators?: ImportValidators;
  fetchOptions?: FetchOptions;
  /** Cancels a download in flight (the bot is stopping). */
  signal?: AbortSignal;
}

/**
 * Returns the bytes of a local file or of an http(s) URL, or 'not-modified' when the server says
 * the document is the one the validators describe. URLs go through the shared fetcher (redirects,
 * size and time caps, decompression). They come from the operator (command line, configuration
 * or the knowledge file), never from chat, so they are fetched as trusted.
 */
export async function readImportSource(location: string, opts: ReadImportOptions = {}): Promise<ImportSource | 'not-modified'> {
  const maxBytes = opts.maxBytes ?? MAX_IMPORT_BYTES;
  if (/^https?:\/\//i.test(location)) return readUrl(location, opts.timeoutMs ?? IMPORT_TIMEOUT_MS, maxBytes, opts);
  try {
    const bytes = await readFile(location);
    if (bytes.length > maxBytes) throw new Error(`larger than ${maxBytes} bytes`);
    return { location, bytes: new Uint8Array(bytes), contentType: null, etag: null, lastModified: null };
  } catch (cause) {
    throw new Error(`treaty: cannot read ${location}`, { cause });
  }
}

async function readUrl(url: string, timeoutMs: number, maxBodyBytes: number, opts: ReadImportOptions): Promise<ImportSource | 'not-modified'> {
  let result;
  try {
    result = await fetchUrl(
      { url, etag: opts.validators?.etag ?? null, lastModified: opts.validators?.lastModified ?? null, trusted: true, signal: opts.signal },
      { ...opts.fetchOptions, timeoutMs, maxBodyBytes },
    );
  } catch (cause) {
    // The fetcher's error already names the method and URL.
    throw new TreatyDownloadError(cause);
  }
  if (result.status === 'not-modified') return 'not-modified';
  return { location: result.finalUrl, bytes: result.bytes, contentType: result.contentType, etag: result.etag, lastModified: result.lastModified };
}

/** A download that failed; `retryAfterMs` carries the server's Retry-After when it sent one. */
export class TreatyDownloadError extends Error {
  readonly retryAfterMs: number | null;

  constructor(cause: unknown) {
    super('treaty: download failed', { cause });
    this.name = 'TreatyDownloadError';
    this.retryAfterMs = cause instanceof FetchError ? cause.retryAfterMs : null;
  }
}
