import { describe, expect, it } from 'vitest';
import type { ClassifyResult, Mention } from '../../src/domain.js';
import { computePrf, evaluateClassifier, type EvalCase } from '../../src/classify/evaluate-classifier.js';

function predicted(relevant: boolean, articles: string[], concerns: string[], raws: Record<string, string> = {}): ClassifyResult {
  const mentions: Mention[] = articles.map((ref) => ({ raw: raws[ref] ?? `Article ${ref}`, ref, cited_as: ref, version: 'final', sentence: '' }));
  return { relevant, score: relevant ? 0.9 : 0.1, articles, concerns, mentions };
}

// Four items whose expected figures were worked out by hand (see each expectation).
const CASES: EvalCase[] = [
  { id: 'a', gold: { relevant: true, articles: ['28.4', '24'], concerns: ['surveillance', 'safeguards'] }, predicted: predicted(true, ['28.4', '24', '2'], ['surveillance']), textOrigin: 'verbatim' },
  { id: 'b', gold: { relevant: false, articles: [], concerns: [] }, predicted: predicted(true, ['19'], ['expression']), textOrigin: 'verbatim' },
  { id: 'c', gold: { relevant: true, articles: ['40.21'], concerns: ['cross-border-cooperation'] }, predicted: predicted(false, [], []), textOrigin: 'paraphrase' },
  {
    id: 'd',
    gold: { relevant: true, articles: ['28'], other_refs: ['Article 15 of the Budapest Convention'] },
    predicted: predicted(true, ['28.1', '15'], [], { '28.1': 'Article 28(1)', '15': 'Article 15' }),
  },
];

describe('computePrf', () => {
  it('scores 1 when there was nothing to find and nothing was found', () => {
    expect(computePrf(0, 0, 0)).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });

  it('scores 0 F1 when everything found was wrong', () => {
    expect(computePrf(0, 2, 0)).toMatchObject({ precision: 0, recall: 1, f1: 0 });
  });
});

describe('evaluateClassifier', () => {
  const report = evaluateClassifier(CASES);

  it('computes relevance precision, recall and F1 (tp 2, fp 1, fn 1)', () => {
    expect(report.relevance).toMatchObject({ tp: 2, fp: 1, fn: 1, items: 4 });
    expect(report.relevance.f1).toBeCloseTo(2 / 3, 6);
  });

  it('splits relevance by text origin when the data says it', () => {
    expect(report.relevanceByOrigin['verbatim']).toMatchObject({ tp: 1, fp: 1, fn: 0, items: 2 });
    expect(report.relevanceByOrigin['paraphrase']).toMatchObject({ tp: 0, fp: 0, fn: 1, items: 1 });
  });

  it('computes article micro scores at article level (tp 3, fp 3, fn 1)', () => {
    expect(report.articles.article).toMatchObject({ tp: 3, fp: 3, fn: 1 });
    expect(report.articles.article.precision).toBeCloseTo(0.5, 6);
    expect(report.articles.article.recall).toBeCloseTo(0.75, 6);
    expect(report.articles.article.f1).toBeCloseTo(0.6, 6);
  });

  it('computes article micro scores at full-ref level (tp 2, fp 4, fn 2)', () => {
    expect(report.articles.ref).toMatchObject({ tp: 2, fp: 4, fn: 2 });
    expect(report.articles.ref.f1).toBeCloseTo(0.4, 6);
  });

  it('computes concern micro and macro F1 over items labelled with concerns only', () => {
    expect(report.concerns.items).toBe(3);
    expect(report.concerns.micro).toMatchObject({ tp: 1, fp: 1, fn: 2 });
    expect(report.concerns.micro.f1).toBeCloseTo(0.4, 6);
    // surveillance 1, safeguards 0, expression 0, cross-border-cooperation 0
    expect(report.concerns.macroF1).toBeCloseTo(0.25, 6);
  });

  it('counts refs bound to the treaty on items citing none, and refs matching another instrument', () => {
    expect(report.wronglyBound).toBe(2);
  });
});
