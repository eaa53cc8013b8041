// What makes a link an official document rather than a news post: a file type the UN publishes
// documents in, a host that only serves documents, or a UN document symbol (`A/AC.291/22/Rev.1`)
// in the link or its text. Symbols must contain a digit, so language links ("E/F/S") never match.

const DOCUMENT_FILE = /\.(?:pdf|docx?|odt|rtf)$/i;
const DOCUMENT_HOSTS = new Set(['documents.un.org', 'docs.un.org', 'undocs.org', 'daccess-ods.un.org', 'digitallibrary.un.org', 'documents-dds-ny.un.org']);
const UNODC_DOCUMENT_PATH = /^\/(?:documents|doc)\//i;
const SYMBOL = /\b(?:A|E|CTOC)\/(?:[A-Z]{1,4}(?:\.\d+)?|\d+)(?:\/[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)+/g;

/** Returns the first UN document symbol in the texts (e.g. `A/AC.291/22/Rev.1`), or null. */
export function findDocumentSymbol(...texts: (string | null | undefined)[]): string | null {
  for (const text of texts) {
    if (!text) continue;
    for (const match of decodeSlashes(text).matchAll(SYMBOL)) {
      if (/\d/.test(match[0])) return match[0];
    }
  }
  return null;
}

/** Returns true when an absolute URL points at an official document (file, document host, or symbol). */
export function isDocumentUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  if (DOCUMENT_FILE.test(parsed.pathname)) return true;
  if (DOCUMENT_HOSTS.has(host)) return true;
  if (host === 'unodc.org' && UNODC_DOCUMENT_PATH.test(parsed.pathname)) return true;
  return findDocumentSymbol(parsed.pathname + parsed.search) !== null;
}

// Symbols travel URL-encoded in query strings (`?symbol=A%2FAC.291%2F22`).
function decodeSlashes(text: string): string {
  return text.replace(/%2F/gi, '/');
}
