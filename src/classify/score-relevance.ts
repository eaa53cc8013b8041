/**
 * Relevance by rules (DESIGN section 6): is the item about the UN Convention against Cybercrime?
 *
 * The rules live in `knowledge/relevance-rules.json`. Each cue is a pattern with a weight: the
 * convention's names and document symbols in several languages weigh most; descriptions ("UN
 * cybercrime treaty") less; hard negatives (the Budapest Convention, national cybercrime laws,
 * other UN processes, enforcement news) subtract. The logit is the bias, plus the publisher's
 * prior, plus a date prior, plus each matching cue once; the score is its logistic.
 */
import { loadRelevanceRules, type RelevanceRules } from './relevance-rules.js';

/** What relevance scoring reads: the item's folded text (see normalizeText) and its origin. */
export interface RelevanceDocument {
  /** Title and body, already passed through normalizeText. */
  text: string;
  publisher?: string | null;
  /** YYYY-MM-DD or null. */
  published?: string | null;
}

/** The rule verdict with the cues behind it, for explanations and for the learned model. */
export interface RelevanceVerdict {
  logit: number;
  score: number;
  relevant: boolean;
  /** Ids of the cues that matched. */
  cues: string[];
}

/** Returns the rules' relevance verdict for a document. */
export function scoreRelevance(doc: RelevanceDocument, rules: RelevanceRules = loadRelevanceRules()): RelevanceVerdict {
  let logit = rules.bias + publisherPrior(rules, doc.publisher);
  if (doc.published) {
    for (const prior of rules.datePriors) if (doc.published < prior.before) logit += prior.weight;
  }
  const cues: string[] = [];
  for (const cue of rules.cues) {
    if (cue.regex.test(doc.text)) {
      logit += cue.weight;
      cues.push(cue.id);
    }
  }
  const score = logistic(logit);
  return { logit, score, relevant: score >= rules.threshold, cues };
}

/** Returns the prior for a publisher given as a source id ("un-news") or a name; 0 when unknown. */
export function publisherPrior(rules: RelevanceRules, publisher: string | null | undefined): number {
  if (!publisher) return 0;
  return rules.publisherPriors.get(publisher.trim().toLowerCase()) ?? 0;
}

/** Returns 1 / (1 + e^-x). */
export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
