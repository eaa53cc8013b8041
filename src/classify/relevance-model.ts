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
 * another instrument as its subject), a treaty or a negotiation is in view or the item speaks of
 * joining a treaty, of cross-border cooperation or of procedural powers, and it raises one of this
 * convention's subjects (see `mayAskModel`); and only for feed-length items, as it learned from
 * them. It can add an item, never remove one: an item the rules find relevant stays relevant.
 */
import type { ConcernModel } from '../knowledge/concern-model.js';
import { modelLogits } from './concern-model.js';
import type { RelevanceVerdict } from './score-relevance.js';
import { logistic } from './score-relevance.js';

// What may open the model without a treaty in view: signs of a negotiation that point at a treaty
// without naming one (delegates or negotiators, a numbered or concluding session, an ad hoc
// committee, the negotiating vocabulary, a conference of states parties), or the vocabulary of
// joining a treaty (ratify, accede, entry into force) or of its two most specific subjects,
// cross-border cooperation (mutual legal assistance, extradition, the 24/7 network) and procedural
// powers (preservation and production orders, traffic data). The field's general vocabulary
// ("online"), offences and rights do not: unrelated digital-rights news is full of them. Wider
// openings leave more to the model: each was judged by the cross-validation of
// `npm run train:relevance`, with each corpus writer held out, and by the real feed entries the
// tests keep out.
const MAY_OPEN = new Set([
  'negotiation-actors', 'session-vocabulary', 'ad-hoc-committee', 'negotiation-vocabulary', 'cosp',
  'subjects-joining', 'subjects-cooperation', 'subjects-powers',
]);

/**
 * Returns whether the learned model may be asked about an item the rules found not relevant:
 * nothing else claims it, a treaty is in view or one of MAY_OPEN's cues matched, and (when the
 * rules' concern verdicts are given) it raises at least one of this convention's subjects.
 */
export function mayAskModel(verdict: RelevanceVerdict, byRules?: readonly { tagged: boolean }[]): boolean {
  if (verdict.claimed || !(verdict.contextOpen || verdict.pending.some((id) => MAY_OPEN.has(id)))) return false;
  return byRules === undefined || byRules.some((concern) => concern.tagged);
}

/**
 * Returns the features the relevance model reads: the concern model's features of the item
 * (`concernFeatures`), plus the relevance cues. The concern model ignores the added ones, so the
 * classifier computes them once and gives the list to both.
 */
export function relevanceFeatures(concernFeatureList: readonly string[], verdict: RelevanceVerdict): string[] {
  const features = [...concernFeatureList];
  for (const id of verdict.cues) features.push(`rel:${id}`);
  // Context cues count whether or not the rules let them: the model decides what they mean.
  for (const id of verdict.pending) features.push(`ctx:${id}`);
  return features;
}

/** Returns the model's probability that an item is about the convention. */
export function relevanceProbability(model: ConcernModel, features: readonly string[]): number {
  return logistic(modelLogits(model, features)[0]!);
}
