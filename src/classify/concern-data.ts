/**
 * Labelled items for training and cross-validating the concern model: the written training corpus
 * (`training/concerns-train.jsonl`) and, when given, half A of labelled development sets. Half B is
 * never read here: `pickHalf(..., 'A')` filters before any text is used.
 */
import { readFileSync } from 'node:fs';
import { classifyItem, joinTitleAndText, selectFinestRefs } from './classify-item.js';
import { concernFeatures } from './concern-features.js';
import { pickHalf } from './dev-split.js';
import { normalizeText } from '../knowledge/normalize-text.js';
import type { TrainingItem } from './concern-training.js';
import type { ClassifyKnowledge } from './classify-types.js';
import { extractMentions } from '../refs/extract-mentions.js';

/** One labelled item with what the tagger reads, and where it came from. */
export interface LabelledItem extends TrainingItem {
  source: string;
  relevant: boolean;
  folded: string;
  cited: Set<number>;
}

/** One line of a labelled JSONL file, as read. */
export interface LabelledLine {
  id?: string;
  /** The corpus writer ("W1"...), for cross-validation that holds one writer's items out. */
  writer?: string;
  title?: string;
  text?: string;
  published?: string;
  publisher?: string;
  gold?: { relevant?: boolean; concerns?: string[] };
}

/**
 * Returns the labelled items of a JSONL file; `halfA` keeps only half A of a development set. An
 * item with a `writer` gets the source "<source> <writer>" ("corpus W2").
 */
export function readLabelled(path: string, source: string, halfA: boolean, knowledge: ClassifyKnowledge): LabelledItem[] {
  return readLabelledLines(path, halfA)
    .filter((l) => Array.isArray(l.gold?.concerns) && typeof l.gold?.relevant === 'boolean')
    .map((l, n) => {
      const title = l.title ?? '';
      const text = l.text ?? '';
      const raw = joinTitleAndText(title, text);
      const folded = normalizeText(raw);
      // The articles the classifier itself finds (citations bound to this convention).
      const refs = selectFinestRefs(extractMentions(raw, { published: l.published ?? null, knowledge }));
      const cited = new Set(refs.map((ref) => Number.parseInt(ref, 10)));
      return {
        id: l.id ?? `${source}-${n + 1}`,
        source: sourceOf(source, l),
        relevant: l.gold!.relevant!,
        concerns: l.gold!.concerns!,
        folded,
        cited,
        features: concernFeatures(folded, cited, knowledge.concerns),
      };
    });
}

/** The classifier's relevance verdicts on a labelled file against its gold labels. */
export interface RelevanceCounts {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
}

/** Returns how the classifier's relevance agrees with the gold labels of a labelled file (half A only when asked). */
export function relevanceCounts(path: string, halfA: boolean, knowledge: ClassifyKnowledge): RelevanceCounts {
  const counts = { tp: 0, fn: 0, fp: 0, tn: 0 };
  for (const l of readLabelledLines(path, halfA)) {
    if (typeof l.gold?.relevant !== 'boolean') continue;
    const got = classifyItem({ title: l.title ?? '', text: l.text ?? '', published: l.published ?? null, publisher: l.publisher ?? null }, knowledge).relevant;
    if (l.gold.relevant) counts[got ? 'tp' : 'fn']++;
    else counts[got ? 'fp' : 'tn']++;
  }
  return counts;
}

/** Returns the source of a line: "<source> <writer>" ("corpus W2") when the line names its writer. */
export function sourceOf(source: string, line: LabelledLine): string {
  return line.writer ? `${source} ${line.writer}` : source;
}

/** Returns the lines of a labelled JSONL file (half A only when asked); throws naming the file and line of one that is not JSON. */
export function readLabelledLines(path: string, halfA: boolean): LabelledLine[] {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, n) => {
      try {
        return JSON.parse(l) as LabelledLine;
      } catch (cause) {
        throw new Error(`training: ${path} line ${n + 1} is not JSON`, { cause });
      }
    });
  return halfA ? pickHalf(lines, 'A') : lines;
}
