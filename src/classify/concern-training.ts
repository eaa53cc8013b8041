/**
 * Offline training of the concern model: one L2-regularised logistic regression per concern over
 * binary features, fitted by full-batch Adam from zero weights. No randomness: the same items in
 * the same order give the same weights.
 */
import type { ConcernModelEntry, ConcernModelFile, ConcernModelMode } from '../knowledge/concern-model.js';
import { logistic } from './score-relevance.js';

/** One labelled item, as features. */
export interface TrainingItem {
  id: string;
  features: readonly string[];
  concerns: readonly string[];
}

/** Training settings. */
export interface TrainingOptions {
  /** L2 penalty on the weights (not the bias), per item. */
  l2: number;
  epochs: number;
  learningRate: number;
  /** A feature must occur in at least this many training items. */
  minCount: number;
  /** Weight of a positive item relative to a negative one (the concerns are rare). */
  positiveWeight: number;
  /** Weights smaller than this (in absolute value) are dropped from the file: they barely move a score and cost memory. */
  minWeight: number;
}

export const DEFAULT_TRAINING: TrainingOptions = { l2: 0.003, epochs: 300, learningRate: 0.05, minCount: 2, positiveWeight: 1.5, minWeight: 0.05 };

/** Returns a model file fitted to the items, with every threshold set to `threshold`. */
export function trainConcernModel(
  items: readonly TrainingItem[],
  ids: readonly string[],
  mode: ConcernModelMode,
  threshold: number,
  options: TrainingOptions = DEFAULT_TRAINING,
): ConcernModelFile {
  const counts = new Map<string, number>();
  for (const item of items) for (const f of item.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const features = [...counts].filter(([, n]) => n >= options.minCount).map(([f]) => f).sort();
  const index = new Map(features.map((f, i) => [f, i]));
  const rows = items.map((item) => item.features.map((f) => index.get(f)).filter((i): i is number => i !== undefined));
  const concerns: ConcernModelEntry[] = ids.map((id) => {
    const labels = items.map((item) => item.concerns.includes(id));
    const { bias, weights } = fitLogistic(rows, labels, features.length, options);
    const indexes: number[] = [];
    const kept: number[] = [];
    weights.forEach((w, i) => {
      if (Math.abs(w) < options.minWeight) return;
      indexes.push(i);
      kept.push(Math.round(w * 1000) / 1000);
    });
    return { id, bias: Math.round(bias * 1000) / 1000, threshold, indexes, weights: kept };
  });
  // Keep only the features some concern uses, renumbered, so the file stays small.
  const used = [...new Set(concerns.flatMap((c) => c.indexes))].sort((a, b) => a - b);
  const renumber = new Map(used.map((old, i) => [old, i]));
  return {
    description: '',
    mode,
    features: used.map((i) => features[i]!),
    concerns: concerns.map((c) => ({ ...c, indexes: c.indexes.map((i) => renumber.get(i)!) })),
  };
}

function fitLogistic(rows: number[][], labels: boolean[], width: number, o: TrainingOptions): { bias: number; weights: Float64Array } {
  const w = new Float64Array(width);
  const m = new Float64Array(width + 1);
  const v = new Float64Array(width + 1);
  const grad = new Float64Array(width + 1);
  let bias = 0;
  const sampleWeight = labels.map((y) => (y ? o.positiveWeight : 1));
  const total = sampleWeight.reduce((a, b) => a + b, 0);
  const beta1 = 0.9;
  const beta2 = 0.999;
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    grad.fill(0);
    rows.forEach((row, r) => {
      let z = bias;
      for (const i of row) z += w[i]!;
      const err = (logistic(z) - (labels[r] ? 1 : 0)) * (sampleWeight[r]! / total);
      for (const i of row) grad[i]! += err;
      grad[width]! += err;
    });
    for (let i = 0; i < width; i++) grad[i]! += o.l2 * w[i]!;
    const c1 = 1 - beta1 ** epoch;
    const c2 = 1 - beta2 ** epoch;
    for (let i = 0; i <= width; i++) {
      m[i] = beta1 * m[i]! + (1 - beta1) * grad[i]!;
      v[i] = beta2 * v[i]! + (1 - beta2) * grad[i]! * grad[i]!;
      const step = (o.learningRate * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + 1e-8);
      if (i === width) bias -= step;
      else w[i]! -= step;
    }
  }
  return { bias, weights: w };
}
