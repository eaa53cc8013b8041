/**
 * The learned second look at relevance (`knowledge/relevance-model.json`).
 *
 * The relevance rules weigh named evidence: the convention's names, symbols, treaty-process
 * vocabulary. Followers of the treaty often write about it with none of that ("negotiators want
 * the conditions article to set a floor"), and the rules leave such items just below their
 * threshold. A logistic regression, trained offline (`npm run train:relevance`) on labelled items
 * about the convention and hard negatives about other instruments and nearby news, reads the whole
 * item (stemmed words and word pairs, the relevance cues that matched, counted or not, the concern
 * cues, cited articles) and may make such an item relevant.
 *
 * It is asked only when the rules said no, nothing else claims the item (no negative cue names
 * another instrument as its subject), something beyond the field's vocabulary points at a treaty,
 * and the item raises one of this convention's subjects (see `mayAskModel`). It can add an item,
 * never remove one: an item the rules find relevant stays relevant.
 */
import type { ConcernModel } from '../knowledge/concern-model.js';
import type { ConcernRules } from '../knowledge/concern-rules.js';
import { concernFeatures } from './concern-features.js';
import { modelLogits } from './concern-model.js';
import type { RelevanceVerdict } from './score-relevance.js';
import { logistic } from './score-relevance.js';

// The context cues' summed weight that points at a treaty without naming one: delegates (1.5) or
// a numbered session (1) alone, or two subjects of this convention (0.75 each). The field's
// vocabulary ("online", 0.5) is not enough, nor is one word any talks use ("negotiations",
// "proposal": the treaty-process cue, which counts half here).
const MIN_CONTEXT_WEIGHT = 1;
const GENERIC_CONTEXT = new Set(['treaty-process']);

/**
 * Returns whether the learned model may be asked about an item the rules found not relevant:
 * nothing else claims it, a treaty is in view or its context cues weigh enough, and it raises at
 * least one of this convention's subjects (a concern the rules tag).
 */
export function mayAskModel(verdict: RelevanceVerdict, byRules?: readonly { tagged: boolean }[]): boolean {
  if (verdict.claimed || !(verdict.contextOpen || contextWeight(verdict) >= MIN_CONTEXT_WEIGHT)) return false;
  return byRules === undefined || byRules.some((concern) => concern.tagged);
}

function contextWeight(verdict: RelevanceVerdict): number {
  return verdict.pending.reduce((sum, cue) => sum + (GENERIC_CONTEXT.has(cue.id) ? cue.weight / 2 : cue.weight), 0);
}

/** Returns the features the relevance model reads: the concern model's, plus the relevance cues. */
export function relevanceFeatures(
  folded: string,
  cited: ReadonlySet<number>,
  verdict: RelevanceVerdict,
  concernRules: ConcernRules,
  byRules: readonly { score: number; tagged: boolean }[],
): string[] {
  const features = concernFeatures(folded, cited, concernRules, byRules);
  for (const id of verdict.cues) features.push(`rel:${id}`);
  // Context cues count whether or not the rules let them: the model decides what they mean.
  for (const cue of verdict.pending) features.push(`ctx:${cue.id}`);
  return features;
}

/** Returns the model's probability that an item is about the convention. */
export function relevanceProbability(model: ConcernModel, features: readonly string[]): number {
  return logistic(modelLogits(model, features)[0]!);
}
