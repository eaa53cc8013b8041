import { describe, expect, it } from 'vitest';
import { tagConcernsWithModel } from '../../src/classify/concern-model.js';
import { fitStacker, stackInputs, stackProbability } from '../../src/classify/concern-stacking.js';
import { compileConcernModel, type ConcernModelFile } from '../../src/knowledge/concern-model.js';
import { normalizeText } from '../../src/knowledge/normalize-text.js';
import { scoreConcerns, tagConcerns } from '../../src/classify/tag-concerns.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const rules = KNOWLEDGE.concerns;
const NONE = new Set<number>();
const ids = rules.concerns.map((c) => c.id);

/** A stacked model over the whole taxonomy: one feature "plan" pushes `target`'s logit by `push`; stacks per concern. */
function stackedFile(target: string, push: number, stack: (id: string) => number[]): ConcernModelFile {
  return {
    description: 'test',
    mode: 'stacked',
    features: ['plan'],
    concerns: ids.map((id) => ({ id, bias: -3, threshold: 0.5, indexes: id === target ? [0] : [], weights: id === target ? [push] : [], stack: stack(id) })),
  };
}

describe('stacked concern model', () => {
  // The rules tag dual criminality here (and cross-border cooperation, which it implies).
  const text = normalizeText('The plan does not require dual criminality for assistance requests');
  const byRules = tagConcerns(text, NONE, rules);

  it('can drop a concern the rules tag when the model disagrees', () => {
    expect(byRules).toContain('dual-criminality');
    // Trust the model's logit and ignore the rule verdict: the model says no (bias -3), so it is dropped.
    const trustModel = compileConcernModel(stackedFile('scope', 0, () => [0, 0, 0, 1]), undefined, new Set(ids));
    expect(tagConcernsWithModel(text, NONE, trustModel, rules)).not.toContain('dual-criminality');
  });

  it('keeps the rules verdict when its stack weight outweighs the model', () => {
    const trustRules = compileConcernModel(stackedFile('scope', 0, () => [-2, 4, 0, 0.1]), undefined, new Set(ids));
    expect(tagConcernsWithModel(text, NONE, trustRules, rules)).toEqual(byRules);
  });

  it('can add a concern the rules miss when the model is confident', () => {
    expect(byRules).not.toContain('scope');
    const model = compileConcernModel(stackedFile('scope', 9, () => [0, 1, 0, 1]), undefined, new Set(ids));
    expect(tagConcernsWithModel(text, NONE, model, rules)).toContain('scope');
  });

  it('is rejected without stack weights, with concerns out of taxonomy order, or without a taxonomy to check against', () => {
    const missing = stackedFile('scope', 1, () => [0, 0, 0, 1]);
    delete missing.concerns[2]!.stack;
    expect(() => compileConcernModel(missing, undefined, new Set(ids))).toThrow(/four stack weights/);
    const shuffled = stackedFile('scope', 1, () => [0, 0, 0, 1]);
    shuffled.concerns.reverse();
    expect(() => compileConcernModel(shuffled, undefined, new Set(ids))).toThrow(/taxonomy, in its order/);
    expect(() => compileConcernModel(stackedFile('scope', 1, () => [0, 0, 0, 1]))).toThrow(/taxonomy, in its order/);
  });
});

describe('stacker fitting', () => {
  it('learns to follow the rules when they are right and the model is noise, deterministically', () => {
    const rows: number[][] = [];
    const labels: boolean[] = [];
    for (let i = 0; i < 40; i++) {
      const tagged = i % 2 === 0;
      rows.push(stackInputs(tagged, tagged ? 1 : 0, ((i * 7) % 5) - 2));
      labels.push(tagged);
    }
    const w = fitStacker(rows, labels);
    expect(fitStacker(rows, labels)).toEqual(w);
    expect(w[1]!).toBeGreaterThan(1);
    expect(stackProbability(w, stackInputs(true, 1, -2))).toBeGreaterThan(0.5);
    expect(stackProbability(w, stackInputs(false, 0, 2))).toBeLessThan(0.5);
  });

  it('learns to drop a rule verdict that the model contradicts when the model is right', () => {
    const rows: number[][] = [];
    const labels: boolean[] = [];
    for (let i = 0; i < 60; i++) {
      const truth = i % 3 === 0;
      // The rules fire on two items in three (false positives); the model's logit tracks the truth.
      rows.push(stackInputs(i % 3 !== 2, 1, truth ? 3 : -3));
      labels.push(truth);
    }
    const w = fitStacker(rows, labels);
    expect(stackProbability(w, stackInputs(true, 1, -3))).toBeLessThan(0.5);
    expect(stackProbability(w, stackInputs(true, 1, 3))).toBeGreaterThan(0.5);
  });

  it('caps cue scores and logits', () => {
    expect(stackInputs(true, 10, 50)).toEqual([1, 3, 8]);
    expect(stackInputs(false, 0, -50)).toEqual([0, 0, -8]);
    expect(scoreConcerns(normalizeText('nothing here'), NONE, rules).every((s) => !s.tagged)).toBe(true);
  });
});
