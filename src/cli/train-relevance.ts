/**
 * `npm run train:relevance`: cross-validates the relevance model against the rules alone on the
 * same folds, prints the figures, and writes `knowledge/relevance-model.json` when the model adds
 * relevant items without adding false positives under cross-validation (otherwise it removes the
 * file, and the rules decide alone).
 *
 * Usage: train-relevance [--corpus training/concerns-train.jsonl] [--dev-dir DIR] [--folds 5]
 *        [--fp-cost 4] [--l2 X] [--dry-run]
 * DIR holds the labelled development sets; only their half A is read.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TRAINING } from '../classify/concern-training.js';
import { computePrf } from '../classify/evaluate-classifier.js';
import {
  chooseThreshold,
  countVerdicts,
  crossValidateRelevance,
  readRelevanceExamples,
  trainRelevanceModel,
  type RelevanceExample,
  type RelevanceHeldOut,
} from '../classify/relevance-training.js';
import { loadKnowledge } from '../knowledge/load-knowledge.js';
import { projectPath } from '../project-path.js';

const DEV_SETS = ['concerns-dev', 'refs-dev', 'dev', 'dev-relevance'];

function main(): void {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string', default: projectPath('training', 'concerns-train.jsonl') },
      'dev-dir': { type: 'string', default: projectPath('..', 'shared', 'data', 'eval') },
      folds: { type: 'string', default: '5' },
      'fp-cost': { type: 'string', default: '4' },
      l2: { type: 'string', default: String(DEFAULT_TRAINING.l2) },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const folds = Number.parseInt(values.folds!, 10);
  const fpCost = Number(values['fp-cost']);
  const options = { ...DEFAULT_TRAINING, l2: Number(values.l2), positiveWeight: 1 };
  if (!(folds >= 2) || !(fpCost > 0) || !(options.l2 >= 0)) throw new Error('train-relevance: --folds must be >= 2, --fp-cost > 0, --l2 >= 0');
  const knowledge = loadKnowledge();
  const examples: RelevanceExample[] = readRelevanceExamples(values.corpus!, 'corpus', false, knowledge);
  for (const name of DEV_SETS) {
    const path = join(values['dev-dir']!, `${name}.jsonl`);
    if (existsSync(path)) examples.push(...readRelevanceExamples(path, `${name} A`, true, knowledge));
  }
  const heldOut = crossValidateRelevance(examples, folds, 3, fpCost, options);
  console.log(`cross-validation: ${folds} folds, threshold chosen by 3-fold CV inside each (a false positive costs ${fpCost} misses)`);
  console.log(['source'.padEnd(16), 'items', 'asked', 'rules P', 'rules R', 'rules F1', 'rules fp', '+model P', '+model R', '+model F1', '+model fp'].map((s) => s.padStart(9)).join(' '));
  const sources = [...new Set(examples.map((e) => e.source))];
  const rows: [string, RelevanceHeldOut[]][] = sources.map((s) => [s, heldOut.filter((h) => h.example.source === s)]);
  rows.push(['all', heldOut]);
  let rulesAll = computePrf(0, 0, 0);
  let modelAll = computePrf(0, 0, 0);
  let modelFp = 0;
  let rulesFp = 0;
  for (const [name, group] of rows) {
    const r = countVerdicts(group, false);
    const m = countVerdicts(group, true);
    const rp = computePrf(r.tp, r.fp, r.fn);
    const mp = computePrf(m.tp, m.fp, m.fn);
    if (name === 'all') [rulesAll, modelAll, rulesFp, modelFp] = [rp, mp, r.fp, m.fp];
    const asked = group.filter((h) => h.probability !== null).length;
    console.log([name.padEnd(16), String(group.length), String(asked), ...[rp.precision, rp.recall, rp.f1].map(f3), String(r.fp), ...[mp.precision, mp.recall, mp.f1].map(f3), String(m.fp)].map((s) => s.padStart(9)).join(' '));
  }
  const target = projectPath('knowledge', 'relevance-model.json');
  // The model ships only if it finds more without letting in more unrelated items.
  if (!(modelAll.f1 > rulesAll.f1 + 1e-9) || modelFp > rulesFp) {
    console.log('chosen: rules alone (the model does not help under cross-validation)');
    if (!values['dry-run'] && existsSync(target)) rmSync(target);
    return;
  }
  const threshold = chooseThreshold(heldOut, fpCost);
  const file = trainRelevanceModel(examples, threshold, options);
  file.description =
    'Relevance model: a logistic regression over stemmed words, word pairs, relevance and concern cue hits and cited articles, asked only ' +
    'about items the relevance rules find not relevant when a treaty may be in view and nothing else claims them. ' +
    `Trained by npm run train:relevance on ${examples.length} items (${sources.join(', ')}); threshold chosen under ${folds}-fold cross-validation.`;
  console.log(`chosen: rules plus model, threshold ${threshold}`);
  if (values['dry-run']) return;
  writeFileSync(target, JSON.stringify(file) + '\n');
  console.log(`wrote knowledge/relevance-model.json: ${file.features.length} features`);
}

function f3(x: number): string {
  return x.toFixed(3);
}

main();
