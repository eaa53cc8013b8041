/** The contract of the classifier (DESIGN section 6 and the `classify --jsonl` format of section 10). */

/** What the classifier reads: an item's text and where it came from. */
export interface ClassifyInput {
  id?: string;
  title: string;
  text: string;
  url?: string | null;
  /** A source id or publisher name, e.g. "eff", "unodc-ahc". */
  publisher?: string | null;
  /** YYYY-MM-DD, or null when unknown. */
  published?: string | null;
}

/** One article reference found in the text, bound to this treaty and resolved to final numbering. */
export interface Mention {
  /** The text as written, e.g. "Article 28(4)". */
  raw: string;
  /** Canonical final-numbering ref: "28", "28.4", "47.1.b", "2.b". */
  ref: string;
  /** The canonical ref in the numbering the text used, e.g. "17" for a zero-draft citation. */
  cited_as: string;
  /** Which numbering the citation used. */
  version: 'final' | 'zero';
  /** The sentence the reference came from. */
  sentence: string;
}

export interface ClassifyResult {
  relevant: boolean;
  /** Relevance score from 0 to 1. */
  score: number;
  /** Distinct canonical refs (final numbering), finest level cited. */
  articles: string[];
  /** Concern ids (DESIGN section 6). */
  concerns: string[];
  mentions: Mention[];
}
