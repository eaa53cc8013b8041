/**
 * Decides which numbering (zero draft or final text) a cited article number uses, and maps it to
 * the final text.
 *
 * Only numbers whose article moved between the texts are ambiguous (zero-draft 4-17, and 62-67 at
 * the end); the rest mean the same article in both. For those, in this order:
 *   1. the text that the citation names ("of the zero draft", "Rev.1 article 6", "the final text");
 *   2. the subject named next to the number, compared with the article's titles in each text;
 *   3. the item's date: zero-draft numbering from the zero draft (29 May 2023) through the end of
 *      the concluding session (February 2024), final numbering from the Chair's updated text (July 2024);
 *   4. in between, or with no date, a draft the whole item names and nothing else;
 *   5. failing that, the words of the citing sentence and of the item's title, compared with the
 *      article's titles in each text as in step 2 ("Art. 11" in an undated item about the
 *      "misuse-of-devices offence" is final Article 11, Misuse of devices).
 * Without any of these an ambiguous number is left untagged. Before the zero draft, numbers
 * referred to earlier negotiating documents: only an article named by its title is tagged.
 */
import type { ArticleTables, TextVersion } from '../knowledge/article-tables.js';
import { findArticle, finalToZero, zeroToFinal } from '../treaty/articles.js';

/** The numbering period an item's date falls in. */
export type NumberingEra = 'pre' | 'zero' | 'gap' | 'final' | 'unknown';

/** What is known about one cited article number. */
export interface NumberingEvidence {
  article: number;
  /** The text the citation names, if any (step 1). */
  named: TextVersion | null;
  /** Words naming the article's subject ("on human rights"), or "" (step 2). */
  subject: string;
  era: NumberingEra;
  /** The only numbering the whole item names, if any (step 4). */
  documentHint: TextVersion | null;
  /** The citing sentence and the item's title (step 5), or "" when not known. */
  context?: string;
}

/** Last day on which an undated-by-text citation is read in zero-draft numbering: the concluding session ended in February 2024. */
export const ZERO_ERA_LAST_DAY = '2024-02-29';

// Words too common in commentary to tell two titles apart ("the convention", "offences", "data").
const GENERIC_WORDS = new Set([
  'of', 'the', 'and', 'for', 'in', 'on', 'to', 'a', 'an', 'with', 'or', 'by', 'its', 'this', 'that', 'convention',
  'treaty', 'united', 'nation', 'un', 'article', 'draft', 'state', 'party', 'crime', 'cybercrime', 'offence',
  'protection', 'data', 'information', 'communication', 'technology', 'system', 'related', 'relating', 'international',
]);

/** Returns the numbering the citation uses and its final-text article number, or null to leave it untagged. */
export function resolveNumbering(tables: ArticleTables, evidence: NumberingEvidence): { version: TextVersion; finalArticle: number } | null {
  const { article, named, era } = evidence;
  if (named) return mapToFinal(tables, article, named);
  const fromSubject = readSubjectVersion(tables, article, evidence.subject, era === 'pre');
  if (era === 'pre') return fromSubject ? mapToFinal(tables, article, fromSubject) : null;
  if (!isAmbiguous(tables, article)) {
    const version: TextVersion = era === 'zero' || (era !== 'final' && evidence.documentHint === 'zero') ? 'zero' : 'final';
    return mapToFinal(tables, article, findArticle(tables, article, version) ? version : 'final');
  }
  if (fromSubject) return mapToFinal(tables, article, fromSubject);
  if (era === 'zero' || era === 'final') return mapToFinal(tables, article, era);
  if (evidence.documentHint) return mapToFinal(tables, article, evidence.documentHint);
  const fromContext = evidence.context ? readSubjectVersion(tables, article, evidence.context, false) : null;
  return fromContext ? mapToFinal(tables, article, fromContext) : null;
}

/** Returns the numbering period of a `YYYY-MM-DD` date, taken from the dated list of drafts. */
export function findNumberingEra(tables: ArticleTables, published: string | null): NumberingEra {
  if (!published || !/^\d{4}-\d{2}-\d{2}/.test(published)) return 'unknown';
  const day = published.slice(0, 10);
  const drafts = tables.drafts;
  const zeroStart = drafts.find((d) => d.numbering === 'zero')?.date ?? '2023-05-29';
  const finalStart = drafts.find((d) => d.numbering === 'final')?.date ?? '2024-07-01';
  if (day < zeroStart) return 'pre';
  if (day <= ZERO_ERA_LAST_DAY) return 'zero';
  if (day < finalStart) return 'gap';
  return 'final';
}

/** Returns whether a cited number names different articles in the zero draft and the final text. */
export function isAmbiguous(tables: ArticleTables, article: number): boolean {
  return findArticle(tables, article, 'zero') !== undefined && findArticle(tables, article, 'final') !== undefined && zeroToFinal(tables, article) !== article;
}

/** Returns the numbering whose title for `article` the subject words match better, or null on no clear winner. */
export function readSubjectVersion(tables: ArticleTables, article: number, subject: string, needWholeTitle: boolean): TextVersion | null {
  const words = new Set(toWords(subject));
  if (words.size === 0) return null;
  const zeroFinal = zeroToFinal(tables, article);
  const zeroTitles = new Set([...toWords(findArticle(tables, article, 'zero')?.title), ...toWords(zeroFinal ? findArticle(tables, zeroFinal)?.title : '')]);
  const finalZero = finalToZero(tables, article);
  const finalTitles = new Set([...toWords(findArticle(tables, article, 'final')?.title), ...toWords(finalZero ? findArticle(tables, finalZero, 'zero')?.title : '')]);
  if (needWholeTitle) {
    // Before the zero draft a number alone means nothing: the subject must name the article itself.
    const named = (titles: Set<string>) => titles.size > 0 && countShared(words, titles) >= Math.min(2, titles.size);
    if (named(finalTitles)) return 'final';
    return named(zeroTitles) ? 'zero' : null;
  }
  const zeroOnly = new Set([...zeroTitles].filter((w) => !finalTitles.has(w)));
  const finalOnly = new Set([...finalTitles].filter((w) => !zeroTitles.has(w)));
  const zeroScore = countShared(words, zeroOnly);
  const finalScore = countShared(words, finalOnly);
  if (zeroScore === finalScore) return null;
  return zeroScore > finalScore ? 'zero' : 'final';
}

function mapToFinal(tables: ArticleTables, article: number, version: TextVersion): { version: TextVersion; finalArticle: number } | null {
  if (!findArticle(tables, article, version)) return null;
  const finalArticle = version === 'zero' ? zeroToFinal(tables, article) : article;
  return finalArticle === undefined ? null : { version, finalArticle };
}

function countShared(words: Set<string>, titles: Set<string>): number {
  let shared = 0;
  for (const w of titles) if (words.has(w)) shared++;
  return shared;
}

// Lower-case content words, with plurals and US spellings folded ("offenses" -> "offence").
function toWords(text: string | undefined): string[] {
  if (!text) return [];
  return (text.toLowerCase().match(/[a-z]+/g) ?? [])
    .map((w) => w.replace(/ense$/, 'ence').replace(/enses$/, 'ences'))
    .map((w) => (w.endsWith('ies') && w.length > 4 ? `${w.slice(0, -3)}y` : w.length > 4 && /[^s]s$/.test(w) ? w.slice(0, -1) : w))
    .filter((w) => !GENERIC_WORDS.has(w));
}
