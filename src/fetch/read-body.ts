import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { FetchError } from './fetch-result.js';

/**
 * Compressed input is handed to zlib in slices this small. Deflate expands at most about 1032:1,
 * so one slice yields at most ~4 MiB before the size check sees it: a gzip bomb fails after a few
 * megabytes of work instead of inflating a whole network chunk into memory.
 */
export const ZLIB_SLICE_BYTES = 4096;

/** Reads a response body through its Content-Encoding, failing as soon as raw or decoded bytes pass `maxBodyBytes`. */
export async function readBody(
  body: Readable,
  opts: { contentEncoding: string | null; maxBodyBytes: number; url: string; signal: AbortSignal },
): Promise<Buffer> {
  const decoders = createDecoders(opts.contentEncoding, opts.url);
  // Remember which errors came from zlib so corrupt data is reported as such, not as a network failure.
  let decodeError: unknown = null;
  for (const d of decoders) d.once('error', (err) => (decodeError ??= err));

  const tooLarge = (what: string) =>
    new FetchError(`fetch: GET ${opts.url}: ${what} is larger than ${opts.maxBodyBytes} bytes`, { kind: 'too-large', transient: false });

  let rawBytes = 0;
  async function* limitRaw(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      rawBytes += chunk.length;
      if (rawBytes > opts.maxBodyBytes) throw tooLarge('the response body');
      if (decoders.length === 0) {
        yield chunk;
        continue;
      }
      for (let i = 0; i < chunk.length; i += ZLIB_SLICE_BYTES) yield chunk.subarray(i, i + ZLIB_SLICE_BYTES);
    }
  }

  const chunks: Buffer[] = [];
  let decodedBytes = 0;
  async function collect(source: AsyncIterable<Buffer>): Promise<void> {
    for await (const chunk of source) {
      decodedBytes += chunk.length;
      if (decodedBytes > opts.maxBodyBytes) throw tooLarge(`the decompressed body (${opts.contentEncoding})`);
      chunks.push(chunk);
    }
  }

  try {
    // pipeline's overloads do not cover a variable number of stages.
    await (pipeline as unknown as (...args: unknown[]) => Promise<void>)(body, limitRaw, ...decoders, collect, { signal: opts.signal });
  } catch (err) {
    if (err instanceof FetchError) throw err;
    if (decodeError !== null && err === decodeError) {
      throw new FetchError(`fetch: GET ${opts.url}: cannot decode the ${opts.contentEncoding} body`, { kind: 'decode', transient: false, cause: err });
    }
    throw err;
  }
  return Buffer.concat(chunks, decodedBytes);
}

// Content-Encoding lists codings in the order they were applied, so they are undone in reverse.
function createDecoders(contentEncoding: string | null, url: string): Transform[] {
  if (!contentEncoding) return [];
  const codings = contentEncoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  return codings.reverse().map((coding) => {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        return createGunzip();
      case 'deflate':
        return createInflate();
      case 'br':
        return createBrotliDecompress();
      default:
        throw new FetchError(`fetch: GET ${url}: unsupported Content-Encoding "${coding}"`, { kind: 'decode', transient: false });
    }
  });
}
