import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyItem } from '../../src/classify/classify-item.js';
import type { ClassifyKnowledge } from '../../src/classify/classify-types.js';
import { mayAskModel, relevanceFeatures } from '../../src/classify/relevance-model.js';
import { concernFeatures } from '../../src/classify/concern-features.js';
import { chooseThreshold, countVerdicts, readRelevanceExamples, trainRelevanceModel, type RelevanceExample } from '../../src/classify/relevance-training.js';
import { scoreRelevance } from '../../src/classify/score-relevance.js';
import { scoreConcerns } from '../../src/classify/tag-concerns.js';
import { devHalfOf } from '../../src/classify/dev-split.js';
import { compileConcernModel, type ConcernModelFile } from '../../src/knowledge/concern-model.js';
import { RELEVANT } from '../../src/knowledge/load-knowledge.js';
import { normalizeText } from '../../src/knowledge/normalize-text.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const RULES_ONLY: ClassifyKnowledge = { ...KNOWLEDGE, concernModel: null, relevanceModel: null };

// A relevance model that answers yes whenever one of its words is in the item, and no otherwise.
function modelSaying(weights: Record<string, number>, threshold = 0.5): ClassifyKnowledge {
  const features = Object.keys(weights);
  const file: ConcernModelFile = {
    description: 'test',
    mode: 'model',
    features,
    concerns: [{ id: RELEVANT, bias: -5, threshold, indexes: features.map((_f, i) => i), weights: Object.values(weights) }],
  };
  return { ...RULES_ONLY, relevanceModel: compileConcernModel(file, 'test', new Set([RELEVANT])) };
}

function ask(text: string): { early: boolean; withConcerns: boolean } {
  const folded = normalizeText(text);
  const verdict = scoreRelevance({ text: folded }, KNOWLEDGE.relevance);
  return { early: mayAskModel(verdict), withConcerns: mayAskModel(verdict, scoreConcerns(folded, new Set(), KNOWLEDGE.concerns)) };
}

describe('when the relevance model is asked', () => {
  it.each([
    ['delegates and a subject of the convention', 'Delegates argued about whether the definition of electronic data should include content.', true, true],
    ['joining a treaty, with a subject', 'Opposition urges government to hold off ratifying until safeguards are clarified', true, true],
    ['cross-border cooperation and powers, with a subject', 'Journalists targeted by spyware: courts weigh interception, extradition and data protection online', true, true],
    ['offences and rights alone', 'Activists say the new offences threaten free expression and privacy online', false, false],
    ['delegates, but no subject of the convention', 'Delegates met in Vienna to discuss the schedule.', true, false],
    ['the field\'s vocabulary alone', 'New online banking app launched for students.', false, false],
    ['one word any talks use, with a subject', 'Women are told to ask for more in salary negotiations, and to speak up about violence against women', false, false],
    ['another instrument claims the item', 'Budapest Convention parties and delegates debate safeguards for production orders.', false, false],
  ])('%s', (_name, text, early, withConcerns) => {
    expect(ask(text)).toEqual({ early, withConcerns });
  });
});

// Realistic unrelated news that shares the convention's subjects and reaches the shipped model:
// whatever it is retrained on, it must keep these out.
const NEARBY_NEWS = [
  'Journalists targeted by spyware: courts weigh interception, extradition and data protection online',
  'Exiled bloggers say their home government uses Interpol to hunt them abroad. A new report documents abusive red notices and extradition requests against critics.',
  'Data protection authority fines telecom for sharing subscriber records with police without a warrant',
  'Journalists\' union warns new surveillance powers could expose sources. The bill lets police order providers to hand over metadata without a judge.',
  'Lawmakers approve extradition treaty with the United States after safeguards debate',
  'Ministers sign mutual legal assistance agreement to speed up evidence requests. The deal lets prosecutors request bank records and phone data within 30 days.',
  'Police to get new powers to preserve and seize phone data under draft law. Rights groups say safeguards are too weak.',
  'Court blocks ratification of border deal, citing missing safeguards for fishing communities',
  'Cabinet approves accession to the Hague Apostille Convention. The move simplifies recognition of public documents abroad.',
  'Opposition urges government to hold off ratifying the Mercosur deal until environmental safeguards are clarified',
];

describe.skipIf(KNOWLEDGE.relevanceModel === null)('the shipped relevance model (knowledge/relevance-model.json)', () => {
  it.each(NEARBY_NEWS)('keeps out: %s', (title) => {
    expect(classifyItem({ title, text: '', published: '2026-03-01' }, KNOWLEDGE).relevant).toBe(false);
  });
});

describe('classification with a relevance model', () => {
  const leftOut = { title: 'Delegates argued about whether the definition of electronic data should include content.', text: '' };

  it('makes an item the rules leave out relevant when the model says so, and tags its concerns', () => {
    expect(classifyItem(leftOut, RULES_ONLY).relevant).toBe(false);
    const result = classifyItem(leftOut, modelSaying({ 'definit': 8 }));
    expect(result.relevant).toBe(true);
    expect(result.concerns).toContain('stored-data-powers');
    expect(result.score).toBeGreaterThanOrEqual(0.5);
  });

  it('leaves the item out when the model scores it below its threshold', () => {
    expect(classifyItem(leftOut, modelSaying({ 'definit': 8 }, 0.99)).relevant).toBe(false);
    expect(classifyItem(leftOut, modelSaying({ 'unrelated-word': 8 })).relevant).toBe(false);
  });

  it('never removes an item the rules find relevant', () => {
    const named = { title: 'States sign the UN Convention against Cybercrime in Hanoi', text: '' };
    const knowledge = modelSaying({ sign: -50, hanoi: -50 });
    expect(classifyItem(named, RULES_ONLY).relevant).toBe(true);
    expect(classifyItem(named, knowledge)).toEqual(classifyItem(named, RULES_ONLY));
  });

  it('is never asked about an item another instrument claims, or one without a treaty in view', () => {
    const knowledge = modelSaying({ safeguard: 20, onlin: 20, deleg: 20, schedul: 20 });
    for (const title of [
      'Budapest Convention parties and delegates debate safeguards for production orders.',
      'New online banking app launched for students.',
      'Delegates met in Vienna to discuss the schedule.',
    ]) {
      expect(classifyItem({ title, text: '' }, knowledge).relevant, title).toBe(false);
    }
  });

  it('is not asked about a text longer than longTextChars: a long analysis is left to the rules', () => {
    const knowledge = modelSaying({ 'definit': 8 });
    // The same sentence over and over: it still raises a concern and still is not claimed, so only its length keeps the model out.
    const long = Array.from({ length: Math.ceil(KNOWLEDGE.concerns.longTextChars / leftOut.title.length) + 1 }, () => leftOut.title).join(' ');
    const folded = normalizeText(long);
    const verdict = scoreRelevance({ text: folded }, KNOWLEDGE.relevance);
    expect(folded.length).toBeGreaterThan(KNOWLEDGE.concerns.longTextChars);
    expect(mayAskModel(verdict, scoreConcerns(folded, new Set(), KNOWLEDGE.concerns))).toBe(true);
    expect(classifyItem(leftOut, knowledge).relevant).toBe(true);
    expect(classifyItem({ title: leftOut.title, text: long }, knowledge).relevant).toBe(false);
  });

  it('reads the relevance cues, counted or not, as features', () => {
    const folded = normalizeText(leftOut.title);
    const verdict = scoreRelevance({ text: folded }, KNOWLEDGE.relevance);
    const features = relevanceFeatures(concernFeatures(folded, new Set(), KNOWLEDGE.concerns), verdict);
    expect(features).toContain('ctx:negotiation-actors');
    expect(features).toContain('rule:stored-data-powers');
    expect(features).toContain('definit');
  });
});

describe('relevance model training', () => {
  const example = (id: string, relevant: boolean, byRules: boolean, asked: boolean, features: string[]): RelevanceExample => ({ id, source: 't', relevant, byRules, asked, features });

  it('is deterministic and learns the words that separate the labels', () => {
    const examples = [
      ...Array.from({ length: 12 }, (_v, i) => example(`p${i}`, true, false, true, ['deleg', `p${i}`])),
      ...Array.from({ length: 12 }, (_v, i) => example(`n${i}`, false, false, true, ['schedul', `n${i}`])),
    ];
    const a = trainRelevanceModel(examples, 0.5);
    expect(JSON.stringify(trainRelevanceModel(examples, 0.5))).toBe(JSON.stringify(a));
    const weight = (f: string): number => a.concerns[0]!.weights[a.concerns[0]!.indexes.indexOf(a.features.indexOf(f))]!;
    expect(weight('deleg')).toBeGreaterThan(0);
    expect(weight('schedul')).toBeLessThan(0);
  });

  it('chooses the threshold that finds most while a false positive costs several finds', () => {
    const held = (relevant: boolean, probability: number) => ({ example: example('x', relevant, false, true, []), probability });
    // Up to 0.35 the model finds three and lets in one unrelated item; from 0.4 it finds two and lets in none.
    const heldOut = [held(true, 0.9), held(true, 0.6), held(true, 0.3), held(false, 0.35)];
    expect(chooseThreshold(heldOut, 4)).toBe(0.4);
    expect(chooseThreshold(heldOut, 0.5)).toBe(0.2);
  });

  it('counts an item as relevant when the rules say so, or when the model was asked and agrees', () => {
    const heldOut = [
      { example: example('a', true, true, false, []), probability: null, threshold: 0.5 },
      { example: example('b', true, false, true, []), probability: 0.7, threshold: 0.5 },
      { example: example('c', false, false, true, []), probability: 0.4, threshold: 0.5 },
      { example: example('d', true, false, false, []), probability: null, threshold: 0.5 },
    ];
    expect(countVerdicts(heldOut, false)).toEqual({ tp: 1, fp: 0, fn: 2, tn: 1 });
    expect(countVerdicts(heldOut, true)).toEqual({ tp: 2, fp: 0, fn: 1, tn: 1 });
  });

  it('reads only half A of a development set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relevance-'));
    try {
      const ids = Array.from({ length: 20 }, (_v, i) => `item-${i}`);
      const path = join(dir, 'set.jsonl');
      writeFileSync(path, ids.map((id) => JSON.stringify({ id, title: 'Delegates met', text: '', gold: { relevant: false } })).join('\n'));
      const read = readRelevanceExamples(path, 'set A', true, KNOWLEDGE).map((e) => e.id);
      expect(read).toEqual(ids.filter((id) => devHalfOf(id) === 'A'));
      expect(read.length).toBeGreaterThan(0);
      expect(read.length).toBeLessThan(ids.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
