/**
 * k-fold cross-validation of the concern model against the rules alone, on the same folds.
 *
 * Folds are fixed by a hash of the item id. In each outer fold the threshold of each mode is chosen
 * by an inner cross-validation on the training part only, so no held-out item picks its own
 * threshold. Scores count gold-relevant items only (concerns are tagged only on relevant items).
 */
import { computePrf } from './evaluate-classifier.js';
import { compileConcernModel, type ConcernModelMode } from '../knowledge/concern-model.js';
import type { ConcernRules } from '../knowledge/concern-rules.js';
import { modelLogits } from './concern-model.js';
import { fitStacker, stackInputs, stackProbability, type StackWeights } from './concern-stacking.js';
import { DEFAULT_TRAINING, trainConcernModel, type TrainingOptions } from './concern-training.js';
import { scoreConcerns, withImplied } from './tag-concerns.js';
import type { LabelledItem } from './concern-data.js';
import { logistic } from './score-relevance.js';

/** Thresholds tried when choosing one. */
export const THRESHOLDS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];

/** The modes that read the model, each with its threshold. */
export type ModelMode = Exclude<ConcernModelMode, 'rules'>;

/** How rules and model combine, fitted on held-out predictions: thresholds per mode, stacker weights per concern. */
export interface Combination {
  thresholds: Record<ModelMode, number>;
  stack: StackWeights[];
}

/** One held-out item: the rules' verdicts and cue scores, the model's logits, and the combination fitted without it. */
export interface HeldOut {
  item: LabelledItem;
  rules: string[];
  ruleScores: readonly { score: number; tagged: boolean }[];
  logits: number[];
  fit: Combination;
}

/** Micro and macro F1 of predicted concern sets against gold, over gold-relevant items. */
export function scoreConcernSets(pairs: readonly { gold: readonly string[]; predicted: readonly string[] }[]): { micro: number; macro: number } {
  const ids = [...new Set(pairs.flatMap((p) => [...p.gold, ...p.predicted]))];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const f1s = ids.map((id) => {
    let t = 0;
    let f = 0;
    let n = 0;
    for (const p of pairs) {
      const g = p.gold.includes(id);
      const q = p.predicted.includes(id);
      if (g && q) t++;
      else if (q) f++;
      else if (g) n++;
    }
    tp += t;
    fp += f;
    fn += n;
    return computePrf(t, f, n).f1;
  });
  return { micro: computePrf(tp, fp, fn).f1, macro: ids.length ? f1s.reduce((a, b) => a + b, 0) / ids.length : 1 };
}

/** Returns the concerns of one held-out item under a mode. */
export function predict(h: HeldOut, mode: ConcernModelMode, rules: ConcernRules): string[] {
  if (mode === 'rules') return h.rules;
  const ids = rules.concerns.map((c) => c.id);
  if (mode === 'stacked') {
    const kept = ids.filter((_id, c) => stackProbability(h.fit.stack[c]!, inputsOf(h, c)) >= h.fit.thresholds.stacked);
    return withImplied(kept, rules);
  }
  const byModel = ids.filter((_id, c) => logistic(h.logits[c]!) >= h.fit.thresholds[mode]);
  return withImplied(mode === 'union' ? [...new Set([...h.rules, ...byModel])] : byModel, rules);
}

/** Returns the fold (0..k-1) of an item id. */
export function foldOf(id: string, k: number): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(id, 'utf8')) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h % k;
}

/**
 * Returns the non-empty folds of `items`, each as the part that trains and the part held out;
 * `foldOfItem` puts each item in a fold, 0..k-1. Both cross-validations split this way.
 */
export function splitFolds<T>(items: readonly T[], k: number, foldOfItem: (item: T) => number): { train: T[]; test: T[] }[] {
  const out: { train: T[]; test: T[] }[] = [];
  for (let fold = 0; fold < k; fold++) {
    const test = items.filter((i) => foldOfItem(i) === fold);
    if (test.length > 0) out.push({ train: items.filter((i) => foldOfItem(i) !== fold), test });
  }
  return out;
}

/**
 * Runs k-fold cross-validation; `inner` > 1 chooses thresholds by an inner cross-validation.
 * `foldOfItem` puts each item in a fold, 0..k-1 (default: by a hash of its id).
 */
export function crossValidate(
  items: readonly LabelledItem[],
  rules: ConcernRules,
  k: number,
  inner: number,
  options: TrainingOptions = DEFAULT_TRAINING,
  foldOfItem: (item: LabelledItem) => number = (item) => foldOf(item.id, k),
): HeldOut[] {
  const ids = rules.concerns.map((c) => c.id);
  const out: HeldOut[] = [];
  for (const { train, test } of splitFolds(items, k, foldOfItem)) {
    const fit = inner > 1 ? fitCombination(crossValidate(train, rules, inner, 0, options), rules) : UNFITTED(ids.length);
    const model = compileConcernModel(trainConcernModel(train, ids, 'model', 0.5, options));
    for (const item of test) {
      const ruleScores = scoreConcerns(item.folded, item.cited, rules);
      const ruleIds = withImplied(ids.filter((_id, c) => ruleScores[c]!.tagged), rules);
      // The model's concern order is the taxonomy's, so logits line up with `ids`.
      out.push({ item, rules: ruleIds, ruleScores, logits: modelLogits(model, item.features), fit });
    }
  }
  return out;
}

/**
 * Holds out each group's items in turn (the items of `groups`; the rest always train), so a
 * writer's wording never helps predict that writer's own items. Thresholds are chosen by an inner
 * cross-validation of the training part.
 */
export function crossValidateByGroup(
  items: readonly LabelledItem[],
  rules: ConcernRules,
  groups: readonly string[],
  inner: number,
  options: TrainingOptions = DEFAULT_TRAINING,
): HeldOut[] {
  return crossValidate(items, rules, groups.length, inner, options, (item) => groups.indexOf(item.source));
}

const UNFITTED = (n: number): Combination => ({ thresholds: { model: 0.5, union: 0.5, stacked: 0.5 }, stack: Array.from({ length: n }, () => [0, 0, 0, 1]) });

function inputsOf(h: HeldOut, c: number): number[] {
  return stackInputs(h.ruleScores[c]!.tagged, h.ruleScores[c]!.score, h.logits[c]!);
}

/**
 * Fits the combination on held-out predictions (gold-relevant items): the stacker of each concern,
 * then, per mode, the threshold with the best micro F1.
 */
export function fitCombination(heldOut: readonly HeldOut[], rules: ConcernRules): Combination {
  const relevant = heldOut.filter((h) => h.item.relevant);
  const stack = rules.concerns.map((concern, c) =>
    fitStacker(
      relevant.map((h) => inputsOf(h, c)),
      relevant.map((h) => h.item.concerns.includes(concern.id)),
    ),
  );
  const best = (mode: ModelMode): number => {
    let bestT = 0.5;
    let bestF = -1;
    for (const t of THRESHOLDS) {
      const fit = { stack, thresholds: { model: t, union: t, stacked: t } };
      const f = scoreConcernSets(relevant.map((h) => ({ gold: h.item.concerns, predicted: predict({ ...h, fit }, mode, rules) }))).micro;
      if (f > bestF + 1e-9) {
        bestF = f;
        bestT = t;
      }
    }
    return bestT;
  };
  return { stack, thresholds: { model: best('model'), union: best('union'), stacked: best('stacked') } };
}
