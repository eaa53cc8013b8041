/**
 * The concern model, `knowledge/concern-model.json`: one logistic regression per concern, trained
 * offline (`npm run train:concerns`), compiled once so each feature maps to its weights.
 *
 * `mode` says how the model and the rules combine, as chosen under cross-validation:
 * "union" tags what the rules tag plus what the model scores at or above the concern's threshold;
 * "model" tags what the model scores alone (the rules' cue hits are among its features);
 * "stacked" lets a small per-concern regression over the rules' verdict, their cue score and the
 * model's logit decide (`stack` weights), so the model can also drop a concern the rules tag;
 * "rules" ignores the model.
 */
import { KnowledgeError } from './knowledge-file.js';

/** How the model's verdicts combine with the rules'. */
export type ConcernModelMode = 'union' | 'model' | 'stacked' | 'rules';

/**
 * One concern's weights, as stored: the features it uses (indexes into `features`) and their
 * weights, index-aligned. Two flat arrays parse in half the time of a list of pairs.
 */
export interface ConcernModelEntry {
  id: string;
  bias: number;
  threshold: number;
  indexes: number[];
  weights: number[];
  /** Stacker weights `[bias, rule tagged, cue score, model logit]`; required in "stacked" mode. */
  stack?: number[];
}

/** The model file's content. */
export interface ConcernModelFile {
  description: string;
  mode: ConcernModelMode;
  features: string[];
  concerns: ConcernModelEntry[];
}

/**
 * A model ready to score: each feature maps to its concern indexes and weights, flat and
 * alternating (`[c0, w0, c1, w1, ...]`), so compiling allocates one array per feature.
 */
export interface ConcernModel {
  mode: ConcernModelMode;
  ids: string[];
  bias: number[];
  thresholds: number[];
  /** Per concern, the stacker weights ("stacked" mode), else null. */
  stacks: (readonly number[] | null)[];
  byFeature: ReadonlyMap<string, readonly number[]>;
}

const MODES: readonly string[] = ['union', 'model', 'stacked', 'rules'];

/** Returns a model ready to score from its stored form; throws naming the file on a malformed one. */
export function compileConcernModel(file: ConcernModelFile, name = 'knowledge/concern-model.json', concernIds?: ReadonlySet<string>): ConcernModel {
  if (!Array.isArray(file.features) || !Array.isArray(file.concerns)) throw new KnowledgeError(name, null, 'features and concerns must be arrays');
  if (!MODES.includes(file.mode)) throw new KnowledgeError(name, null, `unknown mode "${String(file.mode)}"`);
  const lists: number[][] = file.features.map(() => []);
  // A stacked model reads the rules' verdicts by position, so it is only compiled against the taxonomy.
  if (file.mode === 'stacked' && (!concernIds || file.concerns.map((e) => e.id).join() !== [...concernIds].join())) {
    throw new KnowledgeError(name, null, 'a stacked model lists every concern of the taxonomy, in its order');
  }
  file.concerns.forEach((entry, c) => {
    if (concernIds && !concernIds.has(entry.id)) throw new KnowledgeError(name, null, `concern "${entry.id}" is not in the taxonomy`);
    if (!Number.isFinite(entry.bias) || !Number.isFinite(entry.threshold)) throw new KnowledgeError(name, null, `${entry.id} needs a numeric bias and threshold`);
    if (!Array.isArray(entry.indexes) || !Array.isArray(entry.weights) || entry.indexes.length !== entry.weights.length) {
      throw new KnowledgeError(name, null, `${entry.id} needs index-aligned indexes and weights`);
    }
    const stack = entry.stack;
    if (file.mode === 'stacked' && !(Array.isArray(stack) && stack.length === 4 && stack.every(Number.isFinite))) {
      throw new KnowledgeError(name, null, `${entry.id} needs four stack weights in stacked mode`);
    }
    for (let k = 0; k < entry.indexes.length; k++) {
      const index = entry.indexes[k]!;
      const weight = entry.weights[k]!;
      const list = lists[index];
      if (list === undefined || !Number.isFinite(weight)) throw new KnowledgeError(name, null, `${entry.id} uses feature ${index}, beyond the list`);
      list.push(c, weight);
    }
  });
  const byFeature = new Map<string, number[]>();
  file.features.forEach((feature, index) => {
    const list = lists[index]!;
    if (list.length === 0) return;
    const earlier = byFeature.get(feature);
    byFeature.set(feature, earlier ? earlier.concat(list) : list);
  });
  return {
    mode: file.mode,
    ids: file.concerns.map((e) => e.id),
    bias: file.concerns.map((e) => e.bias),
    thresholds: file.concerns.map((e) => e.threshold),
    stacks: file.concerns.map((e) => (file.mode === 'stacked' ? e.stack! : null)),
    byFeature,
  };
}
