/**
 * Offline training and cross-validation of the relevance model (see relevance-model.ts).
 *
 * Each labelled item is read once, the way the classifier reads it with the rules alone: their
 * verdict, whether the model may be asked, and the model's features. Cross-validation then fits
 * the model on k-1 folds and asks it about the held-out fold's items, exactly where the classifier
 * would: items the rules find not relevant that `mayAskModel` lets through.
 */
import { CITATION_KEYWORD, classifyItem, joinTitleAndText, selectFinestRefs } from './classify-item.js';
import { concernFeatures } from './concern-features.js';
import type { ClassifyKnowledge } from './classify-types.js';
import { foldOf, splitFolds, THRESHOLDS } from './concern-cross-validation.js';
import { DEFAULT_TRAINING, trainConcernModel, type TrainingOptions } from './concern-training.js';
import { readLabelledLines, sourceOf, type RelevanceCounts } from './concern-data.js';
import { mayAskModel, relevanceFeatures, relevanceProbability } from './relevance-model.js';
import { scoreRelevance } from './score-relevance.js';
import { scoreConcerns } from './tag-concerns.js';
import { compileConcernModel, type ConcernModel, type ConcernModelFile } from '../knowledge/concern-model.js';
import { RELEVANT } from '../knowledge/load-knowledge.js';
import { normalizeText } from '../knowledge/normalize-text.js';
import { extractMentions } from '../refs/extract-mentions.js';

/** One labelled item as the relevance model sees it. */
export interface RelevanceExample {
  id: string;
  source: string;
  relevant: boolean;
  /** The rules' verdict alone. */
  byRules: boolean;
  /** Whether the classifier would ask the model (the rules say no and `mayAskModel` agrees). */
  asked: boolean;
  features: string[];
}

/**
 * Returns the relevance-labelled items of a JSONL file as examples; `halfA` keeps only half A of a
 * development set. An item with a `writer` gets the source "<source> <writer>" ("corpus W2").
 */
export function readRelevanceExamples(path: string, source: string, halfA: boolean, knowledge: ClassifyKnowledge): RelevanceExample[] {
  const rulesOnly: ClassifyKnowledge = { ...knowledge, relevanceModel: null };
  return readLabelledLines(path, halfA)
    .filter((l) => typeof l.gold?.relevant === 'boolean')
    .map((l, n) => {
      const input = { title: l.title ?? '', text: l.text ?? '', published: l.published ?? null, publisher: l.publisher ?? null };
      return { id: l.id ?? `${source}-${n + 1}`, source: sourceOf(source, l), relevant: l.gold!.relevant!, ...describe(input, rulesOnly) };
    });
}

// What the classifier computes on the way to asking the model, recomputed here from the same parts.
function describe(input: { title: string; text: string; published: string | null; publisher: string | null }, knowledge: ClassifyKnowledge): Pick<RelevanceExample, 'byRules' | 'asked' | 'features'> {
  const byRules = classifyItem(input, knowledge).relevant;
  const raw = joinTitleAndText(input.title, input.text);
  const folded = normalizeText(raw);
  const mentions = CITATION_KEYWORD.test(raw) ? extractMentions(raw, { published: input.published, knowledge }) : [];
  const verdict = scoreRelevance({ text: folded, publisher: input.publisher, published: input.published, citesThisTreaty: mentions.length > 0 }, knowledge.relevance);
  const cited = new Set(selectFinestRefs(mentions).map((ref) => Number.parseInt(ref, 10)));
  const concernScores = scoreConcerns(folded, cited, knowledge.concerns);
  const features = relevanceFeatures(concernFeatures(folded, cited, knowledge.concerns, concernScores), verdict);
  return { byRules, asked: !byRules && folded.length <= knowledge.concerns.longTextChars && mayAskModel(verdict, concernScores), features };
}

/** Returns a relevance model file fitted to the examples, with the given threshold. */
export function trainRelevanceModel(examples: readonly RelevanceExample[], threshold: number, options: TrainingOptions = DEFAULT_TRAINING): ConcernModelFile {
  const items = examples.map((e) => ({ id: e.id, features: e.features, concerns: e.relevant ? [RELEVANT] : [] }));
  return trainConcernModel(items, [RELEVANT], 'model', threshold, options);
}

/** One held-out example with the model's probability (null when the classifier would not ask). */
export interface RelevanceHeldOut {
  example: RelevanceExample;
  probability: number | null;
  /** The threshold chosen without this example. */
  threshold: number;
}

/** Returns the counts of rules-alone (`probability` ignored) or rules-plus-model verdicts. */
export function countVerdicts(heldOut: readonly RelevanceHeldOut[], withModel: boolean): RelevanceCounts {
  const counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const h of heldOut) {
    const got = h.example.byRules || (withModel && h.probability !== null && h.probability >= h.threshold);
    if (h.example.relevant) counts[got ? 'tp' : 'fn']++;
    else counts[got ? 'fp' : 'tn']++;
  }
  return counts;
}

/**
 * Returns the threshold at which the model's additions gain most, counting a false positive as
 * `fpCost` missed items (an unrelated post in a digest costs the bot more than one it leaves out);
 * Infinity, never adding anything, when no threshold gains.
 */
export function chooseThreshold(heldOut: readonly Omit<RelevanceHeldOut, 'threshold'>[], fpCost: number): number {
  let best = Infinity;
  let bestGain = 0;
  for (const t of THRESHOLDS) {
    let gain = 0;
    for (const h of heldOut) {
      if (h.example.byRules || h.probability === null || h.probability < t) continue;
      gain += h.example.relevant ? 1 : -fpCost;
    }
    if (gain > bestGain) {
      bestGain = gain;
      best = t;
    }
  }
  return best;
}

/**
 * Runs k-fold cross-validation; thresholds are chosen by an inner cross-validation of each training
 * part. `foldOfExample` puts each example in a fold, 0..k-1 (default: by a hash of its id).
 */
export function crossValidateRelevance(
  examples: readonly RelevanceExample[],
  k: number,
  inner: number,
  fpCost: number,
  options: TrainingOptions = DEFAULT_TRAINING,
  foldOfExample: (example: RelevanceExample) => number = (example) => foldOf(example.id, k),
): RelevanceHeldOut[] {
  const out: RelevanceHeldOut[] = [];
  for (const { train, test } of splitFolds(examples, k, foldOfExample)) {
    const threshold = inner > 1 ? chooseThreshold(crossValidateRelevance(train, inner, 0, fpCost, options), fpCost) : 0.5;
    const model = compileConcernModel(trainRelevanceModel(train, Number.isFinite(threshold) ? threshold : 1, options));
    for (const example of test) out.push({ example, probability: probe(model, example), threshold });
  }
  return out;
}

function probe(model: ConcernModel, example: RelevanceExample): number | null {
  return example.asked ? relevanceProbability(model, example.features) : null;
}
