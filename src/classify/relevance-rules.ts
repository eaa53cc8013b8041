import { readFileSync } from 'node:fs';
import { projectPath } from '../project-path.js';
import type { CitationWeights } from './citation-context.js';
import { compilePattern } from './normalize-text.js';

/** One weighted cue of `knowledge/relevance-rules.json`, with the examples it must (and must not) match. */
export interface RelevanceCue {
  id: string;
  weight: number;
  note: string;
  /**
   * How the cue counts (see score-relevance.ts): "anchor" names a treaty without saying which ("the
   * convention"); "context" is the vocabulary of a treaty and its negotiation; "topic" is a negative
   * topic that names no other instrument. Ungrouped cues count on their own.
   */
  group?: 'anchor' | 'context' | 'topic';
  pattern: string;
  examples: string[];
  counterexamples: string[];
  regex: RegExp;
}

/** The relevance rules as loaded: a logit is bias + publisher prior + date prior + matched cue weights. */
export interface RelevanceRules {
  bias: number;
  threshold: number;
  publisherPriors: Map<string, number>;
  datePriors: { before: string; weight: number }[];
  cues: RelevanceCue[];
  /** Weights of the item's own citations of this convention (see citation-context.ts). */
  citationContext: CitationWeights;
  /** Weight per concern raised when context counts (see classify-item.ts), and its cap. */
  concernContext: { perConcern: number; max: number };
}

interface RelevanceRulesFile {
  bias: number;
  threshold: number;
  publisherPriors: Record<string, number>;
  datePriors: { before: string; weight: number }[];
  cues: Omit<RelevanceCue, 'regex'>[];
  citationContext?: CitationWeights;
  concernContext?: { perConcern: number; max: number };
}

let cached: RelevanceRules | undefined;

/** Returns the shipped relevance rules, read and compiled once. */
export function loadRelevanceRules(): RelevanceRules {
  cached ??= parseRelevanceRules(readFileSync(projectPath('knowledge', 'relevance-rules.json'), 'utf8'));
  return cached;
}

/** Returns relevance rules parsed from the JSON text of a rules file; throws naming the bad cue. */
export function parseRelevanceRules(json: string): RelevanceRules {
  const file = JSON.parse(json) as RelevanceRulesFile;
  const ids = new Set<string>();
  const cues = file.cues.map((c) => {
    if (ids.has(c.id)) throw new Error(`classify: relevance cue "${c.id}" appears twice`);
    ids.add(c.id);
    if (typeof c.weight !== 'number' || !Number.isFinite(c.weight)) {
      throw new Error(`classify: relevance cue "${c.id}" needs a numeric weight`);
    }
    return { ...c, regex: compilePattern(c.pattern) };
  });
  return {
    bias: file.bias,
    threshold: file.threshold,
    publisherPriors: new Map(Object.entries(file.publisherPriors).map(([k, v]) => [k.toLowerCase(), v])),
    datePriors: file.datePriors,
    cues,
    citationContext: file.citationContext ?? { cited: 0, agrees: 0 },
    concernContext: file.concernContext ?? { perConcern: 0, max: 0 },
  };
}
