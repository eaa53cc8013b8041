import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { fetchUrl } from '../fetch/fetch-url.js';

/** The bytes of a document to import and what the server said it is. */
export interface ImportSource {
  location: string;
  bytes: Uint8Array;
  contentType: string | null;
}

/** Largest document accepted: the resolution PDF is about one megabyte. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Whole-download limit for a URL. */
export const IMPORT_TIMEOUT_MS = 60_000;
const MAX_REDIRECTS = 5;
const USER_AGENT = 'treatywatch/0.1 (official text import)';

/** Returns the bytes of a local file or of an http(s) URL (redirects followed, size and time capped). */
export async function readImportSource(location: string, opts: { timeoutMs?: number; maxBytes?: number } = {}): Promise<ImportSource> {
  if (/^https?:\/\//i.test(location)) return readUrl(location, opts.timeoutMs ?? IMPORT_TIMEOUT_MS, opts.maxBytes ?? MAX_IMPORT_BYTES);
  try {
    const bytes = await readFile(location);
    if (bytes.length > (opts.maxBytes ?? MAX_IMPORT_BYTES)) throw new Error(`larger than ${opts.maxBytes ?? MAX_IMPORT_BYTES} bytes`);
    return { location, bytes: new Uint8Array(bytes), contentType: null };
  } catch (cause) {
    throw new Error(`treaty: cannot read ${location}`, { cause });
  }
}

// Pages go through the shared fetcher (charset detection, redirects). It decodes bodies to text,
// which would corrupt a PDF, so a PDF is downloaded again as raw bytes. The URL comes from the
// operator's command line, not from chat, so it is fetched as trusted.
async function readUrl(url: string, timeoutMs: number, maxBytes: number): Promise<ImportSource> {
  if (!/\.pdf(?:[?#]|$)/i.test(url)) {
    let result;
    try {
      result = await fetchUrl({ url, etag: null, lastModified: null, trusted: true }, { timeoutMs, maxBodyBytes: maxBytes });
    } catch (cause) {
      // The fetcher's error already names the method and URL.
      throw new Error('treaty: download failed', { cause });
    }
    if (result.status === 'ok') {
      const isPdf = /application\/pdf/i.test(result.contentType ?? '') || result.body.startsWith('%PDF-');
      if (!isPdf) return { location: result.finalUrl, bytes: new TextEncoder().encode(result.body), contentType: result.contentType };
      url = result.finalUrl;
    }
  }
  return downloadBytes(url, timeoutMs, maxBytes);
}

async function downloadBytes(url: string, timeoutMs: number, maxBytes: number): Promise<ImportSource> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let current = url;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const result = await requestOnce(current, controller.signal, maxBytes);
      if ('redirect' in result) {
        current = new URL(result.redirect, current).toString();
        continue;
      }
      return { location: current, bytes: result.bytes, contentType: result.contentType };
    }
    throw new Error(`more than ${MAX_REDIRECTS} redirects`);
  } catch (cause) {
    const why = controller.signal.aborted ? `timed out after ${timeoutMs} ms` : 'download failed';
    throw new Error(`treaty: GET ${url}: ${why}`, { cause });
  } finally {
    clearTimeout(timer);
  }
}

function requestOnce(
  url: string,
  signal: AbortSignal,
  maxBytes: number,
): Promise<{ redirect: string } | { bytes: Uint8Array; contentType: string | null }> {
  const client = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(url, { signal, headers: { 'user-agent': USER_AGENT, accept: 'application/pdf, text/html, text/plain;q=0.9, */*;q=0.5' } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        resolve({ redirect: res.headers.location });
        return;
      }
      if (status !== 200) {
        res.resume();
        reject(new Error(`HTTP ${status}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          req.destroy(new Error(`body larger than ${maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve({ bytes: new Uint8Array(Buffer.concat(chunks)), contentType: res.headers['content-type'] ?? null }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}
