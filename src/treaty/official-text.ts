/** The convention's official text as read from a document: articles split into provisions. */
import type { Provision, TextLanguage } from '../domain.js';

/** One article as the document presents it. */
export interface OfficialArticle {
  number: number;
  title: string;
  /** Roman numeral of the chapter heading that precedes it, or null when the document has none. */
  chapter: string | null;
  provisions: Provision[];
}

/** The language the bot answers in when a channel asks for none, and falls back to. */
export const DEFAULT_TEXT_LANGUAGE: TextLanguage = 'en';

/** The English name of each language, for replies and logs. */
export const LANGUAGE_NAMES: Record<TextLanguage, string> = { ar: 'Arabic', zh: 'Chinese', en: 'English', fr: 'French', ru: 'Russian', es: 'Spanish' };

/** The whole text, in document order. */
export interface OfficialText {
  articles: OfficialArticle[];
}

/** Returns the canonical dotted ref for an article, paragraph and letter. */
export function formatProvisionRef(article: number, paragraph: number | null, letter: string | null): string {
  return [article, paragraph, letter].filter((p) => p !== null).join('.');
}
