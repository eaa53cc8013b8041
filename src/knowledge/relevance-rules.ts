/** The relevance rules, `knowledge/relevance-rules.json`: weighted cues compiled once, publisher and date priors. */
import { compileCue } from './concern-rules.js';
import { requiredLiterals } from './required-literals.js';
import { trigramKeys, type TrigramKeys } from './trigram-filter.js';
import { isRecord, KnowledgeError, requireNumber, requireRecords, requireString } from './knowledge-file.js';

/** One weighted cue, with the examples it must (and must not) match. */
export interface RelevanceCue {
  id: string;
  weight: number;
  note: string;
  /**
   * How the cue counts: "anchor" names a treaty without saying which ("the convention"); "context"
   * is the vocabulary of a treaty and its negotiation; "topic" is a negative topic that names no
   * other instrument. Ungrouped cues count on their own.
   */
  group?: 'anchor' | 'context' | 'topic';
  pattern: string;
  examples: string[];
  counterexamples: string[];
  regex: RegExp;
  /** The same pattern with the `g` flag, for finding every match. */
  global: RegExp;
  /** Strings one of which every match contains (see requiredLiterals), or null when the pattern must always run. */
  literals: readonly string[] | null;
  /** The literals as trigram keys, for the cheap test before the pattern runs. */
  literalKeys: readonly TrigramKeys[] | null;
}

/** The weights of the item's own citations of this convention. */
export interface CitationWeights {
  /** Added once when at least one citation is bound to this convention. */
  cited: number;
  /** Added once when a bound citation's context agrees with the article it cites. */
  agrees: number;
}

/** The relevance rules as loaded: a logit is bias + publisher prior + date prior + matched cue weights. */
export interface RelevanceRules {
  bias: number;
  threshold: number;
  publisherPriors: ReadonlyMap<string, number>;
  datePriors: { before: string; weight: number }[];
  cues: RelevanceCue[];
  citationContext: CitationWeights;
  /** Weight per concern raised when context counts, and its cap. */
  concernContext: { perConcern: number; max: number };
  /** Context cues of a negotiation; `min` distinct matches of them put a treaty in view. */
  negotiationInView: { cues: string[]; min: number };
}

const GROUPS = ['anchor', 'context', 'topic'];

/** Returns the relevance rules of a parsed rules file; throws naming the file and the bad cue. */
export function compileRelevanceRules(file: Record<string, unknown>, name = 'knowledge/relevance-rules.json'): RelevanceRules {
  const ids = new Set<string>();
  const cues = requireRecords(file['cues'], name, 'cues').map((c, i) => {
    const id = requireString(c['id'], name, `cues[${i}].id`);
    if (ids.has(id)) throw new KnowledgeError(name, null, `relevance cue "${id}" appears twice`);
    ids.add(id);
    requireNumber(c['weight'], name, `relevance cue "${id}" weight`);
    if (c['group'] !== undefined && !GROUPS.includes(c['group'] as string)) throw new KnowledgeError(name, null, `relevance cue "${id}" group must be anchor, context or topic`);
    const pattern = requireString(c['pattern'], name, `relevance cue "${id}" pattern`);
    const regex = compileCue(pattern, name, `relevance cue "${id}"`);
    const literals = requiredLiterals(regex);
    const global = new RegExp(regex.source, regex.flags + 'g');
    const cue = { note: '', examples: [], counterexamples: [], ...c, regex, global, literals, literalKeys: literals && literals.map(trigramKeys) };
    return cue as unknown as RelevanceCue;
  });
  const priors = file['publisherPriors'] ?? {};
  if (!isRecord(priors)) throw new KnowledgeError(name, null, 'publisherPriors must map publishers to weights');
  const datePriors = requireRecords(file['datePriors'] ?? [], name, 'datePriors').map((d) => ({
    before: requireString(d['before'], name, 'datePriors before'),
    weight: requireNumber(d['weight'], name, 'datePriors weight'),
  }));
  return {
    bias: requireNumber(file['bias'], name, 'bias'),
    threshold: requireNumber(file['threshold'], name, 'threshold'),
    publisherPriors: new Map(Object.entries(priors).map(([k, v]) => [k.toLowerCase(), requireNumber(v, name, `publisherPriors.${k}`)])),
    datePriors,
    cues,
    citationContext: readWeights(file['citationContext'], name, 'citationContext', ['cited', 'agrees']) as unknown as CitationWeights,
    concernContext: readWeights(file['concernContext'], name, 'concernContext', ['perConcern', 'max']) as unknown as RelevanceRules['concernContext'],
    negotiationInView: readNegotiationInView(file['negotiationInView'], name, ids),
  };
}

// Absent: no negotiation puts a treaty in view. Present: known context cue ids and a minimum.
function readNegotiationInView(value: unknown, name: string, ids: ReadonlySet<string>): RelevanceRules['negotiationInView'] {
  if (value === undefined) return { cues: [], min: 0 };
  if (!isRecord(value) || !Array.isArray(value['cues'])) throw new KnowledgeError(name, null, 'negotiationInView must give cues and min');
  const cues = value['cues'].map((id) => {
    if (typeof id !== 'string' || !ids.has(id)) throw new KnowledgeError(name, null, `negotiationInView names unknown cue "${String(id)}"`);
    return id;
  });
  return { cues, min: requireNumber(value['min'], name, 'negotiationInView.min') };
}

// An absent block weighs nothing; a present one must give every weight.
function readWeights(value: unknown, name: string, field: string, keys: readonly string[]): Record<string, number> {
  if (value === undefined) return Object.fromEntries(keys.map((k) => [k, 0]));
  if (!isRecord(value)) throw new KnowledgeError(name, null, `${field} must be an object`);
  return Object.fromEntries(keys.map((k) => [k, requireNumber(value[k], name, `${field}.${k}`)]));
}
