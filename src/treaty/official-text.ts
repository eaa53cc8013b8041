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

/** The whole text, in document order. */
export interface OfficialText {
  articles: OfficialArticle[];
}

/** Returns the canonical dotted ref for an article, paragraph and letter. */
export function formatProvisionRef(article: number, paragraph: number | null, letter: string | null): string {
  return [article, paragraph, letter].filter((p) => p !== null).join('.');
}
