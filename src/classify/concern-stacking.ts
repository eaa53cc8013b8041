/**
 * Stacking the rules and the concern model: per concern, a small logistic regression reads whether
 * the rules tag the concern, the rules' cue score, and the model's logit, and decides. Unlike the
 * union, it can drop a concern the rules tag when the model disagrees strongly enough.
 *
 * The stacker is fitted on held-out model scores (cross-validation), never on scores of items the
 * model trained on, so it learns how far to trust each side on unseen wording.
 */
import { logistic } from './score-relevance.js';

/** Stacker weights of one concern: `[bias, rule tagged, cue score, model logit]`. */
export type StackWeights = readonly number[];

/** Cue scores above this count as this (a long list of cues is no stronger evidence). */
const CUE_CAP = 3;
/** Model logits are clipped to this, so one very confident item does not dominate the fit. */
const LOGIT_CAP = 8;
/** L2 penalty on the three input weights (per item), which keeps a concern with few positives sane. */
const STACK_L2 = 0.01;
const NEWTON_STEPS = 30;

/** Returns the stacker's inputs (without the bias) for one concern of one item. */
export function stackInputs(ruleTagged: boolean, cueScore: number, modelLogit: number): [number, number, number] {
  return [ruleTagged ? 1 : 0, Math.min(cueScore, CUE_CAP), Math.max(-LOGIT_CAP, Math.min(LOGIT_CAP, modelLogit))];
}

/** Returns the stacked probability of one concern. */
export function stackProbability(weights: StackWeights, inputs: readonly number[]): number {
  let z = weights[0]!;
  for (let i = 0; i < inputs.length; i++) z += weights[i + 1]! * inputs[i]!;
  return logistic(z);
}

/**
 * Fits one concern's stacker by Newton's method (deterministic): L2-penalised logistic regression
 * of `labels` on `inputs` (rows of three numbers), bias unpenalised. Weights are rounded to 1e-3.
 */
export function fitStacker(inputs: readonly (readonly number[])[], labels: readonly boolean[]): number[] {
  const d = 4;
  const n = Math.max(1, inputs.length);
  let w = [0, 0, 0, 0];
  for (let step = 0; step < NEWTON_STEPS; step++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    inputs.forEach((row, r) => {
      const x = [1, ...row];
      const p = stackProbability(w, row);
      const err = p - (labels[r] ? 1 : 0);
      const curve = Math.max(p * (1 - p), 1e-6);
      for (let i = 0; i < d; i++) {
        grad[i]! += (err * x[i]!) / n;
        for (let j = 0; j < d; j++) hess[i]![j]! += (curve * x[i]! * x[j]!) / n;
      }
    });
    for (let i = 1; i < d; i++) {
      grad[i]! += STACK_L2 * w[i]!;
      hess[i]![i]! += STACK_L2;
    }
    hess[0]![0]! += 1e-6;
    const delta = solve(hess, grad);
    w = w.map((v, i) => v - delta[i]!);
    if (Math.max(...delta.map(Math.abs)) < 1e-9) break;
  }
  return w.map((v) => Math.round(v * 1000) / 1000);
}

/** Solves a small dense system by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / p;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}
