/** The convention's official text as read from a document: articles split into provisions. */
import type { Provision } from '../domain.js';

/** One article as the document presents it. */
export interface OfficialArticle {
  number: number;
  title: string;
  /** Roman numeral of the chapter heading that precedes it, or null when the document has none. */
  chapter: string | null;
  provisions: Provision[];
}

/** The six official languages of the United Nations, in the order the UN lists them. */
export const TEXT_LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
/** A language the convention's text is published in (ISO 639-1 code). */
export type TextLanguage = (typeof TEXT_LANGUAGES)[number];
/** The language the bot answers in when a channel asks for none, and falls back to. */
export const DEFAULT_TEXT_LANGUAGE: TextLanguage = 'en';

/** The English name of each language, for replies and logs. */
export const LANGUAGE_NAMES: Record<TextLanguage, string> = { ar: 'Arabic', zh: 'Chinese', en: 'English', fr: 'French', ru: 'Russian', es: 'Spanish' };

/** Returns whether `code` is one of the six official languages. */
export function isTextLanguage(code: string): code is TextLanguage {
  return (TEXT_LANGUAGES as readonly string[]).includes(code);
}

/** The whole text, in document order. */
export interface OfficialText {
  articles: OfficialArticle[];
}

/** Returns the canonical dotted ref for an article, paragraph and letter. */
export function formatProvisionRef(article: number, paragraph: number | null, letter: string | null): string {
  return [article, paragraph, letter].filter((p) => p !== null).join('.');
}
