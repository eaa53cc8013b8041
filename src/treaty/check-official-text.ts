import type { ArticleTables } from '../knowledge/article-tables.js';
import type { OfficialText } from './official-text.js';
import type { TextLanguage } from '../domain.js';

/** What a text is checked against besides the article table. */
export interface CheckOptions {
  /** The article table the text must match. */
  articles: ArticleTables;
  language?: TextLanguage;
  /** Paragraphs per article in a text already stored (another language): a translation has as many. */
  paragraphsPerArticle?: ReadonlyMap<number, number>;
}

/**
 * Returns what differs between an imported text and the article table: missing, extra, repeated or
 * out-of-order articles, chapters that do not match, articles without text, and, where known,
 * titles that differ beyond case, punctuation and spacing (English, or a language with its own
 * title table) and paragraph counts that differ from the stored text of another language. An empty
 * list means the text may be stored.
 */
export function checkOfficialText(text: OfficialText, opts: CheckOptions): string[] {
  const problems: string[] = [];
  const titles = loadTitleTable(opts.articles, opts.language ?? 'en');
  const expected = opts.articles.final;
  const found = new Map<number, number>();
  for (const a of text.articles) found.set(a.number, (found.get(a.number) ?? 0) + 1);

  const missing = expected.filter((a) => !found.has(a.number)).map((a) => a.number);
  if (missing.length > 0) problems.push(`missing ${plural(missing.length, 'article')}: ${formatNumbers(missing)}`);
  const known = new Set(expected.map((a) => a.number));
  const extra = [...found.keys()].filter((n) => !known.has(n));
  if (extra.length > 0) problems.push(`${plural(extra.length, 'article')} not in the convention: ${formatNumbers(extra)}`);
  const repeated = [...found].filter(([, count]) => count > 1).map(([n]) => n);
  if (repeated.length > 0) problems.push(`${plural(repeated.length, 'article')} appearing more than once: ${formatNumbers(repeated)}`);
  const numbers = text.articles.map((a) => a.number);
  if (repeated.length === 0 && numbers.some((n, i) => i > 0 && n < numbers[i - 1]!)) {
    problems.push(`articles out of order: ${numbers.join(', ')}`);
  }

  for (const article of text.articles) {
    const info = expected.find((a) => a.number === article.number);
    if (!info) continue;
    const title = titles?.get(article.number);
    if (title !== undefined && normalizeTitle(article.title) !== normalizeTitle(title)) {
      problems.push(`Article ${article.number}: title is "${article.title}", expected "${title}"`);
    }
    const paragraphs = new Set(article.provisions.map((p) => p.paragraph).filter((p) => p !== null)).size;
    const expectedParagraphs = opts.paragraphsPerArticle?.get(article.number);
    if (expectedParagraphs !== undefined && paragraphs !== expectedParagraphs) {
      problems.push(`Article ${article.number}: ${plural(paragraphs, 'numbered paragraph')}, the stored text has ${expectedParagraphs}`);
    }
    if (article.chapter !== null && article.chapter !== info.chapter) {
      problems.push(`Article ${article.number}: in chapter ${article.chapter}, expected chapter ${info.chapter}`);
    }
    if (article.provisions.every((p) => p.text === '')) problems.push(`Article ${article.number}: no text`);
  }
  return problems;
}

/**
 * Returns the article titles of a language: the article table for English, else
 * `knowledge/articles-final.<language>.tsv` (columns article, title) when there is one, else
 * undefined, and the titles are not checked.
 */
export function loadTitleTable(tables: ArticleTables, language: TextLanguage): ReadonlyMap<number, string> | undefined {
  if (language === 'en') return new Map(tables.final.map((a) => [a.number, a.title]));
  return tables.translatedTitles.get(language);
}

/** Returns a title reduced to lower-case words, so case, punctuation and spacing do not count as differences. */
export function normalizeTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}/]+/gu, ' ')
    .trim();
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

// Long runs stay readable: "4-6, 9" rather than every number.
function formatNumbers(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j > i + 1 ? `${sorted[i]}-${sorted[j]}` : j === i + 1 ? `${sorted[i]}, ${sorted[j]}` : `${sorted[i]}`);
    i = j;
  }
  return parts.join(', ');
}
