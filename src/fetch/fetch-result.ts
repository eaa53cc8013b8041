/** The contract between the fetcher and the poll: what one conditional GET returns. */

export interface FetchRequest {
  url: string;
  etag: string | null;
  lastModified: string | null;
  /** False for URLs that did not come from the operator: every hop goes through the SSRF guard. */
  trusted: boolean;
  signal?: AbortSignal;
}

export type FetchResult =
  | {
      status: 'ok';
      httpStatus: number;
      /** The URL after redirects. */
      finalUrl: string;
      /** The body, decompressed and decoded to a string (empty when the caller asked for raw bytes). */
      body: string;
      /** The body, decompressed but not decoded (a PDF is read from these); set also when the body policy kept it undecoded. */
      bytes: Uint8Array;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
      /** `Cache-Control: max-age` in milliseconds, when sent. */
      maxAgeMs: number | null;
      /** The charset the body was decoded with (TextDecoder's name for it). */
      charset?: string;
      /** Set when the declared charset was unknown and the body was decoded as UTF-8 instead. */
      charsetNote?: string | null;
    }
  | {
      status: 'not-modified';
      httpStatus: 304;
      finalUrl: string;
      etag: string | null;
      lastModified: string | null;
      maxAgeMs: number | null;
    };

export type FetchErrorKind =
  | 'http'
  | 'network'
  | 'timeout'
  | 'too-large'
  | 'redirect'
  | 'blocked'
  | 'decode';

/** A failed fetch; `transient` errors (5xx, 429, network, timeout) stay quiet until several in a row. */
export class FetchError extends Error {
  readonly kind: FetchErrorKind;
  readonly transient: boolean;
  readonly httpStatus: number | null;
  /** From `Retry-After` on 429/503, in milliseconds. */
  readonly retryAfterMs: number | null;

  constructor(
    message: string,
    opts: { kind: FetchErrorKind; transient: boolean; httpStatus?: number | null; retryAfterMs?: number | null; cause?: unknown },
  ) {
    super(message, { cause: opts.cause });
    this.name = 'FetchError';
    this.kind = opts.kind;
    this.transient = opts.transient;
    this.httpStatus = opts.httpStatus ?? null;
    this.retryAfterMs = opts.retryAfterMs ?? null;
  }
}
