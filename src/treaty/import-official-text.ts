/**
 * `treaty import`: read a document (file or URL), turn it into lines (PDF, HTML or plain text),
 * split it into articles and provisions, check it against the article table, and only then replace
 * the stored text in one transaction.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../store/db.js';
import { countParagraphsPerArticle, replaceOfficialText } from '../store/treaty-store.js';
import type { ArticleTables } from '../knowledge/article-tables.js';
import { checkOfficialText } from './check-official-text.js';
import { convertHtmlToText } from './html-to-text.js';
import type { TextLanguage } from '../domain.js';
import type { OfficialText } from './official-text.js';
import { parseOfficialText } from './parse-official-text.js';
import { readImportSource, type ImportSource, type ImportValidators, type ReadImportOptions } from './read-import-source.js';

export type DocumentFormat = 'pdf' | 'html' | 'text';

/** What an import stored. */
export interface ImportReport {
  language: TextLanguage;
  source: string;
  format: DocumentFormat;
  sha256: string;
  articles: number;
  provisions: number;
  /** The server's validators for the document, kept so a later check can ask whether it changed. */
  validators: ImportValidators;
}

/** A document that does not match the article table; `problems` lists each difference. */
export class TreatyImportError extends Error {
  readonly problems: readonly string[];
  /** The refused document's validators, when it came from a server that sent them. */
  readonly validators: ImportValidators | null;

  constructor(message: string, problems: readonly string[], validators: ImportValidators | null = null) {
    super(`${message}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'TreatyImportError';
    this.problems = problems;
    this.validators = validators;
  }
}

/** What an import may be given besides the location. */
export interface ImportOptions extends Pick<ReadImportOptions, 'validators' | 'fetchOptions' | 'signal'> {
  /** The article table the text is checked against. */
  articles: ArticleTables;
  /** The document's language (English by default); the other languages' stored texts stay. */
  language?: TextLanguage;
  onProgress?: ImportProgress;
  nowMs?: number;
}

/** Receives one line of progress at a time (a page read, an article checked). */
export type ImportProgress = (line: string) => void;

/** Imports the official text from a file path or http(s) URL; returns what was stored, or throws TreatyImportError and keeps the old text. */
export async function importOfficialText(
  db: Db,
  location: string,
  opts: ImportOptions,
): Promise<ImportReport> {
  const progress = opts.onProgress ?? (() => {});
  const source = await readImportSource(location, opts);
  if (source === 'not-modified') {
    throw new TreatyImportError(`treaty: ${location} was not imported`, ['the document has not changed since it was last refused'], opts.validators ?? null);
  }
  const validators = { etag: source.etag, lastModified: source.lastModified };
  progress(`read ${source.bytes.length} bytes from ${source.location}`);
  const format = detectFormat(source);
  const text = await extractText(source, format, progress);
  const language = opts.language ?? 'en';
  const official = parseOfficialText(text, language);
  reportArticles(official, progress);
  // A translation has the paragraphs of the English text, when that is stored.
  const reference = language === 'en' ? undefined : countParagraphsPerArticle(db, 'en');
  const problems = checkOfficialText(official, { articles: opts.articles, language, paragraphsPerArticle: reference?.size ? reference : undefined });
  if (problems.length > 0) {
    const what = official.articles.length === 0 ? 'structure' : 'article table';
    throw new TreatyImportError(`treaty: ${location} does not match the convention's ${what}; nothing was changed`, problems, validators);
  }
  // An import stopped while the document was being read must not write into a closing database.
  opts.signal?.throwIfAborted();
  const provisions = official.articles.flatMap((a) => a.provisions);
  const sha256 = createHash('sha256').update(source.bytes).digest('hex');
  replaceOfficialText(db, provisions, {
    language,
    source: source.location,
    sha256,
    format,
    importedAtMs: opts.nowMs ?? Date.now(),
    articles: official.articles.length,
    provisions: provisions.length,
  });
  progress(`stored ${official.articles.length} articles, ${provisions.length} provisions`);
  return { language, source: source.location, format, sha256, articles: official.articles.length, provisions: provisions.length, validators };
}

/** Returns the document's format from its first bytes, then its content type, then its text. */
export function detectFormat(source: Pick<ImportSource, 'bytes' | 'contentType' | 'location'>): DocumentFormat {
  if (Buffer.from(source.bytes.subarray(0, 1024)).includes('%PDF-')) return 'pdf';
  const type = source.contentType?.toLowerCase() ?? '';
  if (type.includes('html') || /\.x?html?$/i.test(source.location)) return 'html';
  if (type.startsWith('text/plain') || /\.txt$/i.test(source.location)) return 'text';
  const head = decodeText(source.bytes.subarray(0, 2048)).trimStart().slice(0, 512).toLowerCase();
  return /^<(?:!doctype html|html|head|body|p|div|h[1-6])[\s>]/.test(head) ? 'html' : 'text';
}

async function extractText(source: ImportSource, format: DocumentFormat, progress: ImportProgress): Promise<string> {
  switch (format) {
    case 'pdf': {
      // pdfjs is large; it loads only when a PDF is imported.
      const { convertPdfToText } = await import('./pdf-to-text.js');
      return convertPdfToText(source.bytes, (page, pages) => progress(`read page ${page}/${pages}`));
    }
    case 'html':
      return convertHtmlToText(decodeText(source.bytes));
    case 'text':
      return decodeText(source.bytes);
  }
}

function decodeText(bytes: Uint8Array): string {
  // TextDecoder drops a UTF-8 BOM; the official text is published in UTF-8.
  return new TextDecoder('utf-8').decode(bytes);
}

function reportArticles(official: OfficialText, progress: ImportProgress): void {
  const total = official.articles.length;
  official.articles.forEach((a, i) => {
    progress(`article ${a.number} (${i + 1}/${total}): ${a.provisions.length} provisions`);
  });
}
