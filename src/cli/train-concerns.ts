/**
 * `npm run train:concerns`: cross-validates the rules, the concern model, their union and their
 * stacking on the same folds, prints the figures, and writes `knowledge/concern-model.json` with
 * the combination that did best with each corpus writer held out in turn ("rules" when the model
 * does not beat them).
 *
 * Usage: train-concerns [--corpus training/concerns-train.jsonl] [--dev-dir DIR] [--folds 5] [--l2 X]
 *        [--positive-weight X] [--dry-run]
 * DIR holds concerns-dev.jsonl and dev.jsonl; only their half A is read. Without DIR (or when it
 * does not exist) the corpus alone is used.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TRAINING, trainConcernModel } from '../classify/concern-training.js';
import type { ConcernModelMode } from '../knowledge/concern-model.js';
import { loadKnowledge } from '../knowledge/load-knowledge.js';
import { projectPath } from '../project-path.js';
import { readLabelled, relevanceCounts, type LabelledItem } from '../classify/concern-data.js';
import { crossValidate, crossValidateByGroup, fitCombination, predict, scoreConcernSets, type HeldOut } from '../classify/concern-cross-validation.js';
import type { ConcernRules } from '../knowledge/concern-rules.js';

const MODES: ConcernModelMode[] = ['rules', 'model', 'union', 'stacked'];

/** Prints one row per group of held-out items: micro and macro F1 of each mode on its gold-relevant items. */
function printTable(rows: readonly [string, HeldOut[]][], rules: ConcernRules): Map<string, Record<ConcernModelMode, { micro: number; macro: number }>> {
  const figures = new Map<string, Record<ConcernModelMode, { micro: number; macro: number }>>();
  console.log(['source'.padEnd(16), 'items', ...MODES.flatMap((m) => [`${m} mi`, `${m} ma`])].map((s) => s.padStart(9)).join(' '));
  for (const [name, group] of rows) {
    const relevant = group.filter((h) => h.item.relevant);
    const byMode = Object.fromEntries(
      MODES.map((m) => [m, scoreConcernSets(relevant.map((h) => ({ gold: h.item.concerns, predicted: predict(h, m, rules) })))]),
    ) as Record<ConcernModelMode, { micro: number; macro: number }>;
    figures.set(name, byMode);
    console.log([name.padEnd(16), String(relevant.length), ...MODES.flatMap((m) => [byMode[m].micro, byMode[m].macro].map((x) => x.toFixed(3)))].map((s) => s.padStart(9)).join(' '));
  }
  return figures;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string', default: projectPath('training', 'concerns-train.jsonl') },
      'dev-dir': { type: 'string', default: projectPath('..', 'shared', 'data', 'eval') },
      folds: { type: 'string', default: '5' },
      l2: { type: 'string', default: String(DEFAULT_TRAINING.l2) },
      'positive-weight': { type: 'string', default: String(DEFAULT_TRAINING.positiveWeight) },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const options = { ...DEFAULT_TRAINING, l2: Number(values.l2), positiveWeight: Number(values['positive-weight']) };
  if (!(options.l2 >= 0) || !(options.positiveWeight > 0)) throw new Error('train-concerns: --l2 must be >= 0 and --positive-weight > 0');
  const folds = Number.parseInt(values.folds!, 10);
  if (!(folds >= 2)) throw new Error('train-concerns: --folds must be an integer >= 2');
  const knowledge = loadKnowledge();
  const rules = knowledge.concerns;
  const items: LabelledItem[] = readLabelled(values.corpus!, 'corpus', false, knowledge);
  for (const name of ['concerns-dev', 'dev']) {
    const path = join(values['dev-dir']!, `${name}.jsonl`);
    if (existsSync(path)) items.push(...readLabelled(path, `${name} A`, true, knowledge));
  }
  const ids = rules.concerns.map((c) => c.id);
  // The relevance rules never saw the corpus: its relevant items show how well they generalise.
  const rel = relevanceCounts(values.corpus!, false, knowledge);
  const ratio = (a: number, b: number): string => (b === 0 ? '-' : (a / b).toFixed(3));
  console.log(`relevance on the corpus: recall ${ratio(rel.tp, rel.tp + rel.fn)} (${rel.tp}/${rel.tp + rel.fn}), precision ${ratio(rel.tp, rel.tp + rel.fp)} (${rel.fp} false positives of ${rel.fp + rel.tn} negatives)`);
  const heldOut = crossValidate(items, rules, folds, 3, options);
  const sources = [...new Set(items.map((i) => i.source))];
  console.log(`cross-validation: ${folds} folds, thresholds chosen by 3-fold CV inside each; gold-relevant items only`);
  const devSources = sources.filter((s) => !s.startsWith('corpus'));
  const rows: [string, HeldOut[]][] = [...sources.map((s): [string, HeldOut[]] => [s, heldOut.filter((h) => h.item.source === s)])];
  if (devSources.length > 0) rows.push(['dev half A', heldOut.filter((h) => devSources.includes(h.item.source))]);
  rows.push(['all', heldOut]);
  const figures = printTable(rows, rules);
  // The rules were written and tuned on the development items, so figures there flatter them. A
  // corpus writer held out whole, with the model trained on everything else, is the nearest thing
  // to wording nobody tuned against: the mode is chosen by its mean over the writers held out.
  const writers = sources.filter((s) => s.startsWith('corpus '));
  let mode: ConcernModelMode;
  if (writers.length >= 2) {
    const byWriter = crossValidateByGroup(items, rules, writers, 3, options);
    console.log(`leave one writer out: each corpus writer's items held out in turn, the model trained on all else`);
    const writerFigures = printTable(writers.map((w) => [w, byWriter.filter((h) => h.item.source === w)]), rules);
    const mean = (m: ConcernModelMode): number => writers.reduce((sum, w) => sum + writerFigures.get(w)![m].micro, 0) / writers.length;
    console.log(['mean'.padEnd(16), '', ...MODES.flatMap((m) => [mean(m).toFixed(3), ''])].map((x) => x.padStart(9)).join(' '));
    mode = MODES.reduce((best, m) => (mean(m) > mean(best) + 1e-9 ? m : best), 'rules');
  } else {
    // Without writers to hold out: the best mode over all held-out items, provided it does no
    // worse than the rules on the development items.
    const all = figures.get('all')!;
    const dev = figures.get(devSources.length > 0 ? 'dev half A' : 'all')!;
    mode = MODES.filter((m) => dev[m].micro >= dev.rules.micro - 1e-9).reduce((best, m) => (all[m].micro > all[best].micro + 1e-9 ? m : best), 'rules');
  }
  // The shipped combination is fitted on every item's held-out prediction; the model on every item.
  const combination = fitCombination(heldOut, rules);
  const threshold = mode === 'rules' ? 0.5 : combination.thresholds[mode];
  console.log(`chosen: ${mode}${mode === 'rules' ? ' (the model does not beat the rules)' : `, threshold ${threshold}`}`);
  const file = trainConcernModel(items, ids, mode, threshold, options);
  if (mode === 'stacked') file.concerns.forEach((entry, c) => (entry.stack = [...combination.stack[c]!]));
  file.description =
    'Concern model: one logistic regression per concern over stemmed words, word pairs, rule cue hits and cited articles. ' +
    `Trained by npm run train:concerns on ${items.length} items (${sources.join(', ')}); mode chosen with each corpus writer held out in turn, threshold under ${folds}-fold cross-validation.`;
  if (values['dry-run']) return;
  writeFileSync(projectPath('knowledge', 'concern-model.json'), JSON.stringify(file) + '\n');
  console.log(`wrote knowledge/concern-model.json: ${file.features.length} features`);
}

main();
