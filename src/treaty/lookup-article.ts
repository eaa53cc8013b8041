import type { CommandRef } from './parse-command-ref.js';
import type { Db } from '../store/db.js';
import {
  countArticleTexts,
  countConcernsForArticle,
  countItemsForArticle,
  listArticleTexts,
  listLatestItemsForArticle,
  type CitingItem,
} from '../store/treaty-store.js';
import type { ArticleTables, TextVersion } from '../knowledge/article-tables.js';
import { findArticle, finalToZero, zeroToFinal } from './articles.js';
import { DEFAULT_TEXT_LANGUAGE, formatProvisionRef } from './official-text.js';
import type { TextLanguage } from '../domain.js';

/** Where the official text is published. */
export const OFFICIAL_TEXT_URL = 'https://docs.un.org/en/A/RES/79/243';
export const CONVENTION_PAGE_URL = 'https://www.unodc.org/unodc/en/cybercrime/convention/home.html';
/** How many recent items a lookup lists. */
export const LATEST_ITEMS_LIMIT = 5;

/** Everything the `article` command shows, as data (also the CLI's `--json`). */
export interface ArticleLookup {
  /** The ref as asked, in its own numbering ("17" of the zero draft). */
  asked: { version: TextVersion; ref: string };
  /** The ref in final numbering: "28", "28.4", "28.4.b". */
  ref: string;
  article: number;
  paragraph: number | null;
  letter: string | null;
  title: string;
  chapter: string;
  chapterTitle: string;
  /** The number and title this article had in the zero draft (A/AC.291/22), when it had one. */
  zeroDraft: { article: number; title: string } | null;
  /** Whether any official text has been imported (in the language of `language`). */
  textImported: boolean;
  /** The language asked for (the ref's, else the channel's, else English) and the one shown: English when the asked one is not stored. */
  askedLanguage: TextLanguage;
  language: TextLanguage;
  /** The stored provisions under the ref, in document order (empty when not imported or not found). */
  officialText: { ref: string; paragraph: number | null; letter: string | null; text: string }[];
  /** Relevant items tagged with the article, and how many carry each concern. */
  taggedItems: number;
  concerns: { concern: string; count: number }[];
  latestItems: CitingItem[];
  links: { label: string; url: string }[];
}

/** An article the convention does not have; `reason` is the sentence for the user. */
export class ArticleNotFoundError extends Error {
  constructor(readonly reason: string) {
    super(`treaty: ${reason}`);
    this.name = 'ArticleNotFoundError';
  }
}

/** Returns the lookup for a parsed ref; a zero-draft ref is answered for its final-text article. */
export function lookupArticle(db: Db, tables: ArticleTables, ref: CommandRef, channelLanguage?: TextLanguage): ArticleLookup {
  const asked = { version: ref.version, ref: formatProvisionRef(ref.article, ref.paragraph, ref.letter) };
  const finalNumber = ref.version === 'zero' ? zeroToFinal(tables, ref.article) : ref.article;
  const info = finalNumber === undefined ? undefined : findArticle(tables, finalNumber, 'final');
  if (finalNumber === undefined || !info) {
    throw new ArticleNotFoundError(`${ref.version === 'zero' ? 'zero-draft ' : ''}Article ${ref.article} has no article in the final text`);
  }
  const zeroNumber = finalToZero(tables, finalNumber);
  const zeroInfo = zeroNumber === undefined ? undefined : findArticle(tables, zeroNumber, 'zero');
  const finalRef = formatProvisionRef(finalNumber, ref.paragraph, ref.letter);

  const askedLanguage = ref.language ?? channelLanguage ?? DEFAULT_TEXT_LANGUAGE;
  // A language not imported falls back to English; the reply says so.
  const language = askedLanguage === DEFAULT_TEXT_LANGUAGE || countArticleTexts(db, askedLanguage) > 0 ? askedLanguage : DEFAULT_TEXT_LANGUAGE;
  const stored = listArticleTexts(db, finalNumber, language);
  const officialText = stored
    .filter((p) => p.text !== '' && (ref.paragraph === null || p.paragraph === ref.paragraph) && (ref.letter === null || p.letter === ref.letter))
    .map(({ ref: r, paragraph, letter, text }) => ({ ref: r, paragraph, letter, text }));

  return {
    asked,
    ref: finalRef,
    article: finalNumber,
    paragraph: ref.paragraph,
    letter: ref.letter,
    title: info.title,
    chapter: info.chapter,
    chapterTitle: info.chapterTitle,
    zeroDraft: zeroInfo ? { article: zeroInfo.number, title: zeroInfo.title } : null,
    textImported: stored.length > 0 || countArticleTexts(db, language) > 0,
    askedLanguage,
    language,
    officialText,
    taggedItems: countItemsForArticle(db, finalNumber),
    concerns: countConcernsForArticle(db, finalNumber),
    latestItems: listLatestItemsForArticle(db, finalNumber, finalRef, LATEST_ITEMS_LIMIT),
    links: [
      { label: 'Official text (A/RES/79/243)', url: OFFICIAL_TEXT_URL },
      { label: 'UNODC convention page', url: CONVENTION_PAGE_URL },
    ],
  };
}
