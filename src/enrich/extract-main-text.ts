/**
 * The main text of a fetched page. HTML goes through Readability (`parse/read-article.ts`) on the
 * parse worker, so a huge page never holds the bot's event loop. A PDF goes through the same text
 * path as the official text import.
 */
import { readArticleOffThread } from '../parse/parse-off-thread.js';
import { MAX_FULL_TEXT_CHARS, type Extraction } from '../parse/read-article.js';

// The PDF reader weighs tens of megabytes and seconds of start-up: it is loaded when the first PDF arrives.
const loadPdfReader = () => import('../treaty/pdf-to-text.js');

/** A page as fetched: its text for HTML, its raw bytes for a PDF. */
export interface FetchedPage {
  url: string;
  contentType: string | null;
  body: string;
  bytes: Uint8Array | null;
}

/** Returns true when the response is a PDF document, by its type or its first bytes. */
export function isPdf(contentType: string | null, bytes: Uint8Array | null): boolean {
  if (/^application\/(?:x-)?pdf\b/i.test(contentType ?? '')) return true;
  return bytes !== null && bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}

/** Returns the main text of a fetched page. */
export async function extractMainText(page: FetchedPage): Promise<Extraction> {
  if (isPdf(page.contentType, page.bytes)) return extractPdf(page.bytes ?? new Uint8Array());
  const type = (page.contentType ?? 'text/html').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/plain') return checkLength('', page.body.trim(), 'the text document is empty');
  if (type !== 'text/html' && type !== 'application/xhtml+xml' && type !== '') {
    return { ok: false, reason: `the link is a ${type} document, not a web page or PDF`, permanent: true };
  }
  return readArticleOffThread(page.body);
}

async function extractPdf(bytes: Uint8Array): Promise<Extraction> {
  let text: string;
  try {
    const { convertPdfToText } = await loadPdfReader();
    text = await convertPdfToText(bytes);
  } catch (cause) {
    return { ok: false, reason: `the PDF could not be read (${cause instanceof Error ? cause.message : String(cause)})`, permanent: true };
  }
  return checkLength('', text.length > MAX_FULL_TEXT_CHARS ? text.slice(0, MAX_FULL_TEXT_CHARS) : text, 'the PDF has no text layer (a scan?)');
}

function checkLength(title: string, text: string, emptyReason: string): Extraction {
  if (text.trim().length === 0) return { ok: false, reason: emptyReason, permanent: true };
  return { ok: true, title, text };
}
