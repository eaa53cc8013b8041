/**
 * Evaluation metrics of `treatywatch eval`, computed on plain data.
 *
 * Definitions:
 * - relevance: precision, recall and F1 of `relevant` over items whose gold has `relevant`.
 * - articles: micro P/R/F1 over items whose gold has `articles`, at article level (refs reduced to
 *   their article number, "28.4" -> "28") and at full-ref level ("28.4" must match "28.4").
 * - concerns: micro P/R/F1, and macro F1 (mean over the concern ids that occur in gold or in
 *   predictions), over items whose gold has `concerns`.
 * - wrongly bound: predicted refs that belong to another instrument: on an item whose gold lists no
 *   articles, every predicted ref; elsewhere, refs whose mention text matches one of the gold's
 *   `other_refs` (raw citations of other instruments, e.g. "Article 19 of the ICCPR").
 * A metric with nothing to find and nothing found scores 1 (no misses, no false alarms).
 */
import type { ClassifyResult } from '../domain.js';

/** The gold labels of one item; any field may be absent. */
export interface GoldLabels {
  relevant?: boolean;
  articles?: string[];
  concerns?: string[];
  other_refs?: string[];
}

/** One evaluated item: its gold and the classifier's result. */
export interface EvalCase {
  id: string;
  gold: GoldLabels;
  predicted: ClassifyResult;
  /** "verbatim" or "paraphrase" when the data set says how the text was obtained. */
  textOrigin?: string;
}

/** Precision, recall and F1 with the counts behind them. */
export interface PrfScore {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

/** Everything `treatywatch eval` prints. */
export interface EvalReport {
  items: number;
  relevance: PrfScore & { items: number };
  relevanceByOrigin: Record<string, PrfScore & { items: number }>;
  articles: { items: number; article: PrfScore; ref: PrfScore };
  concerns: { items: number; micro: PrfScore; macroF1: number; perConcern: Record<string, PrfScore> };
  wronglyBound: number;
}

/** Returns P/R/F1 for counts of true positives, false positives and false negatives. */
export function computePrf(tp: number, fp: number, fn: number): PrfScore {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, tp, fp, fn };
}

/** Returns the evaluation report for a list of gold-labelled, classified items. */
export function evaluateClassifier(cases: readonly EvalCase[]): EvalReport {
  const withRelevance = cases.filter((c) => typeof c.gold.relevant === 'boolean');
  const origins = [...new Set(withRelevance.map((c) => c.textOrigin).filter((o): o is string => !!o))].sort();
  const relevanceByOrigin: EvalReport['relevanceByOrigin'] = {};
  for (const origin of origins) relevanceByOrigin[origin] = scoreRelevance(withRelevance.filter((c) => c.textOrigin === origin));

  const withArticles = cases.filter((c) => Array.isArray(c.gold.articles));
  const article = countSets(withArticles.map((c) => [toArticles(c.gold.articles!), toArticles(c.predicted.articles)]));
  const ref = countSets(withArticles.map((c) => [new Set(c.gold.articles!), new Set(c.predicted.articles)]));

  const withConcerns = cases.filter((c) => Array.isArray(c.gold.concerns));
  const concernPairs = withConcerns.map((c): [Set<string>, Set<string>] => [new Set(c.gold.concerns!), new Set(c.predicted.concerns)]);
  const ids = [...new Set(concernPairs.flatMap(([g, p]) => [...g, ...p]))].sort();
  const perConcern: Record<string, PrfScore> = {};
  for (const id of ids) {
    perConcern[id] = countSets(concernPairs.map(([g, p]) => [keepOnly(g, id), keepOnly(p, id)]));
  }
  const macroF1 = ids.length === 0 ? 1 : ids.reduce((sum, id) => sum + perConcern[id]!.f1, 0) / ids.length;

  return {
    items: cases.length,
    relevance: scoreRelevance(withRelevance),
    relevanceByOrigin,
    articles: { items: withArticles.length, article, ref },
    concerns: { items: withConcerns.length, micro: countSets(concernPairs), macroF1, perConcern },
    wronglyBound: cases.reduce((sum, c) => sum + countWronglyBound(c), 0),
  };
}

/** Returns the number of predicted refs of an item that belong to another instrument (see the file header). */
export function countWronglyBound(c: EvalCase): number {
  if (Array.isArray(c.gold.articles) && c.gold.articles.length === 0) return new Set(c.predicted.articles).size;
  const others = (c.gold.other_refs ?? []).map(foldRaw).filter((s) => s.length > 0);
  if (others.length === 0) return 0;
  const wrong = new Set<string>();
  for (const m of c.predicted.mentions) {
    const raw = foldRaw(m.raw);
    if (others.some((o) => containsPhrase(o, raw) || containsPhrase(raw, o))) wrong.add(m.ref);
  }
  return wrong.size;
}

function scoreRelevance(cases: readonly EvalCase[]): PrfScore & { items: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const c of cases) {
    if (c.predicted.relevant && c.gold.relevant) tp++;
    else if (c.predicted.relevant) fp++;
    else if (c.gold.relevant) fn++;
  }
  return { ...computePrf(tp, fp, fn), items: cases.length };
}

function countSets(pairs: readonly [Set<string>, Set<string>][]): PrfScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [gold, predicted] of pairs) {
    for (const p of predicted) if (gold.has(p)) tp++; else fp++;
    for (const g of gold) if (!predicted.has(g)) fn++;
  }
  return computePrf(tp, fp, fn);
}

function toArticles(refs: readonly string[]): Set<string> {
  return new Set(refs.map((r) => r.split('.')[0]!));
}

function keepOnly(set: Set<string>, id: string): Set<string> {
  return set.has(id) ? new Set([id]) : new Set();
}

// "Article 1" must not match inside "Article 14": the phrase has to end at a non-alphanumeric.
function containsPhrase(hay: string, needle: string): boolean {
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
    if (!/[\p{L}\p{N}]/u.test(hay.charAt(i + needle.length))) return true;
  }
  return false;
}

function foldRaw(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}
