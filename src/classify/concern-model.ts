/**
 * Concern tagging with the shipped concern model (`knowledge/concern-model.json`, see
 * src/knowledge/concern-model.ts): the rules' verdicts combined with the model's by its mode.
 */
import type { ConcernModel } from '../knowledge/concern-model.js';
import type { ConcernRules } from '../knowledge/concern-rules.js';
import { concernFeatures } from './concern-features.js';
import { scoreConcerns, withImplied } from './tag-concerns.js';
import { stackInputs, stackProbability } from './concern-stacking.js';
import { logistic } from './score-relevance.js';

/** Returns the model's logit for each of its concerns, given an item's features. */
export function modelLogits(model: ConcernModel, features: readonly string[]): number[] {
  const logits = [...model.bias];
  for (const feature of features) {
    const pairs = model.byFeature.get(feature);
    if (pairs === undefined) continue;
    for (let i = 0; i < pairs.length; i += 2) logits[pairs[i]!]! += pairs[i + 1]!;
  }
  return logits;
}

/** Returns the model's probability for each of its concerns, given an item's features. */
export function scoreWithModel(model: ConcernModel, features: readonly string[]): number[] {
  return modelLogits(model, features).map(logistic);
}

/**
 * Returns the concerns of a folded text: the rules' verdicts combined with the model's by its mode,
 * plus implied concerns, in taxonomy order. Without a model, or for a text longer than the rules'
 * `longTextChars`, the rules alone. `byRules` may pass the rules' scores, and `features` the
 * item's features (`concernFeatures`), when the caller already has them.
 */
export function tagConcernsWithModel(
  folded: string,
  citedArticles: ReadonlySet<number>,
  model: ConcernModel | null,
  rules: ConcernRules,
  byRules: readonly { score: number; tagged: boolean }[] = scoreConcerns(folded, citedArticles, rules),
  features?: readonly string[],
): string[] {
  const ruleIds = rules.concerns.filter((_c, i) => byRules[i]!.tagged).map((c) => c.id);
  // The model learned from feed-length items; a long analysis is left to the rules, whose threshold rises with length.
  if (!model || model.mode === 'rules' || folded.length > rules.longTextChars) return withImplied(ruleIds, rules);
  const logits = modelLogits(model, features ?? concernFeatures(folded, citedArticles, rules, byRules));
  if (model.mode === 'stacked') {
    // The model's concerns are the taxonomy's, in order, so index c is the rules' concern c too.
    const kept = model.ids.filter((_id, c) => {
      const inputs = stackInputs(byRules[c]!.tagged, byRules[c]!.score, logits[c]!);
      return stackProbability(model.stacks[c]!, inputs) >= model.thresholds[c]!;
    });
    return withImplied(kept, rules);
  }
  const modelIds = model.ids.filter((_id, c) => logistic(logits[c]!) >= model.thresholds[c]!);
  return withImplied(model.mode === 'union' ? [...new Set([...ruleIds, ...modelIds])] : modelIds, rules);
}
