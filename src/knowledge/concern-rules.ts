/**
 * The concern taxonomy, `knowledge/concerns.json`: each concern's cues compiled once. The loader
 * checks the fields tagging needs and hands every other field over as written.
 */
import { compilePattern } from './normalize-text.js';
import { KnowledgeError, requireNumber, requireRecords, requireString, requireStrings } from './knowledge-file.js';

/** One weighted cue of a concern, compiled for folded text (`allRegex` counts repeats). */
export interface ConcernCue {
  pattern: string;
  weight: number;
  regex: RegExp;
  allRegex: RegExp;
}

/** One concern of the taxonomy, as loaded. */
export interface ConcernRule {
  id: string;
  name: string;
  description: string;
  /** Final-numbering articles whose citation adds weight to the concern's cues. */
  articles: number[];
  cues: ConcernCue[];
  examples: string[];
  counterexamples: string[];
  /** Concerns that always come with this one (dual criminality brings cross-border-cooperation). */
  implies?: string[];
}

/** The concern taxonomy with its tagging thresholds. */
export interface ConcernRules {
  threshold: number;
  longTextChars: number;
  longTextThreshold: number;
  articleBonus: number;
  concerns: ConcernRule[];
}

/** Returns the concern rules of a parsed taxonomy file; throws naming the file and the bad field. */
export function compileConcernRules(file: Record<string, unknown>, name = 'knowledge/concerns.json'): ConcernRules {
  for (const field of ['threshold', 'longTextChars', 'longTextThreshold', 'articleBonus']) requireNumber(file[field], name, field);
  const ids = new Set<string>();
  const concerns = requireRecords(file['concerns'], name, 'concerns').map((c, i) => {
    const id = requireString(c['id'], name, `concerns[${i}].id`);
    if (ids.has(id)) throw new KnowledgeError(name, null, `concern "${id}" appears twice`);
    ids.add(id);
    const at = `concern "${id}"`;
    requireString(c['name'], name, `${at} name`);
    const articles = c['articles'] ?? [];
    if (!Array.isArray(articles) || !articles.every(Number.isInteger)) throw new KnowledgeError(name, null, `${at} articles must be article numbers`);
    if (c['implies'] !== undefined) requireStrings(c['implies'], name, `${at} implies`);
    const cues = requireRecords(c['cues'], name, `${at} cues`).map((cue) => {
      const pattern = requireString(cue['pattern'], name, `${at} cue pattern`);
      requireNumber(cue['weight'], name, `${at} cue ${JSON.stringify(pattern)} weight`);
      const regex = compileCue(pattern, name, at);
      return { ...cue, regex, allRegex: new RegExp(regex.source, regex.flags + 'g') };
    });
    return { description: '', examples: [], counterexamples: [], ...c, articles, cues };
  });
  if (concerns.length === 0) throw new KnowledgeError(name, null, 'lists no concerns');
  return { ...file, concerns } as unknown as ConcernRules;
}

/** Returns the compiled cue pattern, or throws naming the file and the owner of the bad pattern. */
export function compileCue(pattern: string, file: string, owner: string): RegExp {
  try {
    return compilePattern(pattern);
  } catch (cause) {
    throw new KnowledgeError(file, null, `${owner}: bad cue pattern ${JSON.stringify(pattern)}`, { cause });
  }
}
