import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyItem } from '../../src/classify/classify-item.js';
import { normalizeText } from '../../src/knowledge/normalize-text.js';
import { compileRelevanceRules } from '../../src/knowledge/relevance-rules.js';
import { publisherPrior, scoreRelevance } from '../../src/classify/score-relevance.js';
import { HAS_SHARED_DATA, SHARED_DATA_DIR, SHARED_DATA_SKIP } from '../helpers/shared-data.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const rules = KNOWLEDGE.relevance;

describe('relevance cues (knowledge/relevance-rules.json)', () => {
  for (const cue of rules.cues) {
    it(`cue ${cue.id} matches its examples and none of its counterexamples`, () => {
      expect(cue.examples.length).toBeGreaterThan(0);
      expect(cue.counterexamples.length).toBeGreaterThan(0);
      for (const example of cue.examples) expect(cue.regex.test(normalizeText(example)), example).toBe(true);
      for (const counter of cue.counterexamples) expect(cue.regex.test(normalizeText(counter)), counter).toBe(false);
    });
  }

  const decisive = rules.cues.filter((c) => c.weight >= 7);
  it('has decisive name cues in the six UN languages and the other languages of our readers', () => {
    const ids = new Set(decisive.map((c) => c.id));
    for (const lang of ['en', 'fr', 'es', 'ru', 'zh', 'ar', 'vi', 'de', 'pt', 'ja', 'ko', 'id', 'tr']) expect(ids.has(`name-${lang}`), lang).toBe(true);
  });

  for (const cue of decisive) {
    it(`an item whose title is an example of ${cue.id} is relevant from a general feed`, () => {
      for (const example of cue.examples) {
        expect(classifyItem({ title: example, text: '', publisher: 'un-news', published: '2025-10-26' }, KNOWLEDGE).relevant, example).toBe(true);
      }
    });
  }

  for (const cue of rules.cues.filter((c) => c.weight < 0)) {
    it(`negative cue ${cue.id} keeps its examples out`, () => {
      for (const example of cue.examples) {
        expect(classifyItem({ title: example, text: '', publisher: 'eff', published: '2024-05-01' }, KNOWLEDGE).relevant, example).toBe(false);
      }
    });
  }

  it('rejects a rules file with a duplicate cue id', () => {
    const cue = { id: 'x', weight: 1, note: '', pattern: 'a', examples: [], counterexamples: [] };
    const json = JSON.stringify({ bias: 0, threshold: 0.5, publisherPriors: {}, datePriors: [], cues: [cue, cue] });
    expect(() => compileRelevanceRules(JSON.parse(json))).toThrow(/"x" appears twice/);
  });
});

describe('scoreRelevance', () => {
  it('gives official convention sources a higher prior than general feeds', () => {
    expect(publisherPrior(rules, 'unodc-ahc')).toBeGreaterThan(publisherPrior(rules, 'digwatch'));
    expect(publisherPrior(rules, 'digwatch')).toBeGreaterThan(publisherPrior(rules, 'un-news'));
    expect(publisherPrior(rules, 'UN-News')).toBe(publisherPrior(rules, 'un-news'));
    expect(publisherPrior(rules, 'some blog')).toBe(0);
  });

  it('lets an official source carry a terse title that a general feed would not', () => {
    const doc = { text: normalizeText('Sixth session of the Ad Hoc Committee') };
    expect(scoreRelevance({ ...doc, publisher: 'unodc-ahc' }, KNOWLEDGE.relevance).relevant).toBe(true);
    expect(scoreRelevance({ ...doc, publisher: 'un-news' }, KNOWLEDGE.relevance).relevant).toBe(false);
  });

  it('keeps items from before the negotiation began out even when the words match', () => {
    const text = normalizeText('Russia proposes a UN cybercrime convention');
    expect(scoreRelevance({ text, published: '2024-01-01' }, KNOWLEDGE.relevance).relevant).toBe(true);
    expect(scoreRelevance({ text, published: '2011-03-01' }, KNOWLEDGE.relevance).relevant).toBe(false);
  });

  it('reports the cues behind a verdict and a score between 0 and 1', () => {
    const v = scoreRelevance({ text: normalizeText('Jordan to criminalize VPNs under new cybercrime law') }, KNOWLEDGE.relevance);
    expect(v.cues).toContain('national-cybercrime-law');
    expect(v.score).toBeGreaterThan(0);
    expect(v.score).toBeLessThan(0.5);
  });
});

describe.skipIf(!HAS_SHARED_DATA)(`relevance on the labelled examples${SHARED_DATA_SKIP}`, () => {
  it('scores at least 0.9 F1 on the verbatim feed entries of the dev set', () => {
    const lines = readFileSync(join(SHARED_DATA_DIR, 'eval/dev.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const line of lines) {
      const o = JSON.parse(line) as { title: string; text: string; publisher: string; published: string; gold: { relevant: boolean } };
      const r = classifyItem(o, KNOWLEDGE).relevant;
      if (r && o.gold.relevant) tp++;
      else if (r) fp++;
      else if (o.gold.relevant) fn++;
    }
    expect((2 * tp) / (2 * tp + fp + fn)).toBeGreaterThanOrEqual(0.9);
  });
});
