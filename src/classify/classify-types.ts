import type { Knowledge } from '../knowledge/load-knowledge.js';

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

/** The part of the knowledge the classifier reads: relevance and concern rules, article tables, instrument names, and the trained models when there are. */
export type ClassifyKnowledge = Pick<Knowledge, 'articles' | 'instruments' | 'concerns' | 'relevance'> & Partial<Pick<Knowledge, 'concernModel' | 'relevanceModel'>>;
