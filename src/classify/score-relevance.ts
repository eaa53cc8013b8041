/**
 * Relevance by rules: is the item about the UN Convention against Cybercrime?
 *
 * The rules live in `knowledge/relevance-rules.json`. Each cue is a pattern with a weight: the
 * convention's names and document symbols in several languages weigh most; descriptions ("UN
 * cybercrime treaty") less; hard negatives (the Budapest Convention, national cybercrime laws,
 * other UN processes, enforcement news) subtract. The logit is the bias, plus the publisher's
 * prior, plus a date prior, plus each matching cue once; the score is its logistic.
 *
 * Negative cues inform but do not veto. A negative cue whose every match sits in a comparison
 * ("unlike the Budapest Convention", "has no Budapest counterpart", "modelled on Jordan's law")
 * adds nothing: the item compares this convention with another instrument. A negative cue that
 * matches outside a comparison names another instrument as the item's subject: it subtracts its
 * weight, and the anchor and context cues ("the convention", delegations, the field's vocabulary),
 * which say *a* treaty is discussed but not which, stop counting, since something else claims
 * them. Negative topic cues (group "topic") subtract without claiming. Context cues also need a
 * treaty in view: an anchor, a strong cue, a citation bound to this convention, or several distinct
 * signs of a negotiation (`negotiationInView`: delegates and a numbered session, say). Strong cues
 * (names, symbols) count either way.
 */
import type { RelevanceRules } from '../knowledge/relevance-rules.js';
import { mayContainAny, textTrigrams } from '../knowledge/trigram-filter.js';

/** What relevance scoring reads: the item's folded text (see normalizeText) and its origin. */
export interface RelevanceDocument {
  /** Title and body, already passed through normalizeText. */
  text: string;
  publisher?: string | null;
  /** YYYY-MM-DD or null. */
  published?: string | null;
  /** True when the item cites an article the binder gave to this convention. */
  citesThisTreaty?: boolean;
}

/** The rule verdict with the cues behind it, for explanations and for the learned model. */
export interface RelevanceVerdict {
  logit: number;
  score: number;
  relevant: boolean;
  /** Ids of the cues that matched. */
  cues: string[];
  /** True when a treaty is in view and no other instrument claims the item: context evidence may count. */
  contextOpen: boolean;
  /** True when a negative cue outside a comparison names another instrument as the item's subject. */
  claimed: boolean;
  /** Ids of the anchor and context cues that matched, counted or not. */
  pending: string[];
}

/** Returns the rules' relevance verdict for a document. */
export function scoreRelevance(doc: RelevanceDocument, rules: RelevanceRules): RelevanceVerdict {
  let logit = rules.bias + publisherPrior(rules, doc.publisher);
  if (doc.published) {
    for (const prior of rules.datePriors) if (doc.published < prior.before) logit += prior.weight;
  }
  const cues: string[] = [];
  let claimed = false;
  let anchored = doc.citesThisTreaty === true;
  const pending: RelevanceRules['cues'] = [];
  // Most cues cannot match most texts: a cue runs only where the text may hold one of its required strings.
  const trigrams = textTrigrams(doc.text);
  for (const cue of rules.cues) {
    if ((cue.literalKeys !== null && !mayContainAny(trigrams, cue.literalKeys)) || !cue.regex.test(doc.text)) continue;
    if (cue.group === 'anchor' || cue.group === 'context') {
      pending.push(cue);
      if (cue.group === 'anchor') anchored = true;
      continue;
    }
    if (cue.weight < 0 && onlyInComparisons(cue.global, doc.text)) {
      cues.push(`${cue.id}:comparison`);
      continue;
    }
    if (cue.weight < 0 && cue.group !== 'topic') claimed = true;
    if (cue.weight > 0) anchored = true;
    logit += cue.weight;
    cues.push(cue.id);
  }
  // Several distinct signs of a negotiation (delegates, a numbered session, a clause) put one in view too.
  const view = rules.negotiationInView;
  if (!anchored && view.min > 0) anchored = countDistinctMatches(pending.filter((cue) => view.cues.includes(cue.id)), doc.text) >= view.min;
  // Treaty vocabulary counts only when a treaty is in view and no other instrument claims the item.
  if (anchored && !claimed) {
    for (const cue of pending) {
      logit += cue.weight;
      cues.push(cue.id);
    }
  }
  const score = logistic(logit);
  return {
    logit,
    score,
    relevant: score >= rules.threshold,
    cues,
    contextOpen: anchored && !claimed,
    claimed,
    pending: pending.map((cue) => cue.id),
  };
}

// Returns how many places of the text the cues match; two cues on one word ("negotiators") count once.
function countDistinctMatches(cues: readonly { global: RegExp }[], text: string): number {
  const starts = new Set<number>();
  for (const cue of cues) {
    const all = cue.global;
    all.lastIndex = 0;
    for (let m = all.exec(text); m; m = all.exec(text)) {
      if (m[0].length === 0) all.lastIndex++;
      starts.add(m.index);
    }
  }
  return starts.size;
}

/** Returns the prior for a publisher given as a source id ("un-news") or a name; 0 when unknown. */
export function publisherPrior(rules: RelevanceRules, publisher: string | null | undefined): number {
  if (!publisher) return 0;
  return rules.publisherPriors.get(publisher.trim().toLowerCase()) ?? 0;
}

// Words just before another instrument's name that make it a point of comparison, not the subject.
const COMPARISON_BEFORE =
  /\b(?:unlike|compared\s+(?:to|with)|in\s+contrast\s+(?:to|with)|than|similar\s+to|modell?ed\s+on|based\s+on|(?:drawn|borrowed|borrows|taken|copied|lifted)\s+(?:heavily\s+|largely\s+)?from|closely\s+(?:track|follow|mirror)(?:s|ed|ing)?|akin\s+to|(?:comes?|came)\s+(?:straight\s+|directly\s+)?from|lessons\s+(?:from|of)|mirrors?|mirroring|echo(?:es|ing)?|goes\s+beyond|going\s+beyond|(?:has|have|with)\s+no)\s+(?:(?:the|a|an|its|their)\s+)?(?:[^\s,;.]+\s+){0,4}$/u;
// "like the anti-corruption treaty's": only right before the name, since "countries like Russia back the..." is no comparison.
const COMPARISON_LIKE = /\blike\s+(?:the|its|their)\s+(?:[^\s,;.]+\s+)?$/u;
const COMPARISON_AFTER = /^[\p{L}\p{N}' -]{0,40}?\b(?:counterparts?|equivalents?|precedents?|analogues?|lessons)\b/u;

/** Returns whether every match of a cue in the text sits in a comparison with this convention. */
export function onlyInComparisons(regex: RegExp, text: string): boolean {
  const all = regex.flags.includes('g') ? regex : new RegExp(regex.source, regex.flags + 'g');
  all.lastIndex = 0;
  let seen = 0;
  for (let m = all.exec(text); m; m = all.exec(text)) {
    if (m[0].length === 0) all.lastIndex++;
    seen++;
    const before = text.slice(Math.max(0, m.index - 50), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 50);
    if (!COMPARISON_BEFORE.test(before) && !COMPARISON_LIKE.test(before) && !COMPARISON_AFTER.test(after)) return false;
  }
  return seen > 0;
}

/** Returns 1 / (1 + e^-x). */
export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
