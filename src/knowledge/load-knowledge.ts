/**
 * Everything the bot knows from `knowledge/`, read and checked once at start and passed to whoever
 * needs it. A missing or malformed file stops the start with an error naming the file (and line).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../project-path.js';
import { readArticleTables, type ArticleTables } from './article-tables.js';
import { readCalendar, type CalendarEvent } from './calendar.js';
import { compileConcernModel, type ConcernModel, type ConcernModelFile } from './concern-model.js';
import { compileConcernRules, type ConcernRules } from './concern-rules.js';
import { compileInstrumentCues, type InstrumentCues } from './instrument-cues.js';
import { readKnowledgeJson } from './knowledge-file.js';
import { readOfficialDocument, type OfficialDocument } from './official-document.js';
import { compileRelevanceRules, type RelevanceRules } from './relevance-rules.js';

/** The id of the relevance model's single output. */
export const RELEVANT = 'relevant';

/** The loaded knowledge; frozen, so no stage can change what another one reads. */
export interface Knowledge {
  articles: ArticleTables;
  concerns: ConcernRules;
  /** The trained concern model, or null when the project ships none. */
  concernModel: ConcernModel | null;
  /** The trained relevance model (a second look at items the rules find not relevant), or null. */
  relevanceModel: ConcernModel | null;
  relevance: RelevanceRules;
  instruments: InstrumentCues;
  /** The shipped calendar plus the operator's, in start order. */
  calendar: readonly CalendarEvent[];
  officialText: OfficialDocument;
}

export interface LoadKnowledgeOptions {
  /** The folder to read (default: the project's `knowledge/`). */
  dir?: string;
  /** The operator's extra calendar (TREATYWATCH_CALENDAR), or null. */
  calendarFile?: string | null;
  /**
   * Whether to read the trained concern and relevance models (default true). Commands that never
   * classify (an article lookup, a search) skip them: they are the largest knowledge files and the
   * slowest to compile.
   */
  concernModel?: boolean;
}

/** Reads, checks and compiles every knowledge file; throws a KnowledgeError naming the bad file. */
export function loadKnowledge(options: LoadKnowledgeOptions = {}): Knowledge {
  const dir = options.dir ?? projectPath('knowledge');
  const concerns = compileConcernRules(readKnowledgeJson(dir, 'concerns.json'));
  return deepFreeze({
    articles: readArticleTables(dir),
    concerns,
    concernModel: options.concernModel === false ? null : readModel(dir, 'concern-model.json', new Set(concerns.concerns.map((c) => c.id))),
    relevanceModel: options.concernModel === false ? null : readModel(dir, 'relevance-model.json', new Set([RELEVANT])),
    relevance: compileRelevanceRules(readKnowledgeJson(dir, 'relevance-rules.json')),
    instruments: compileInstrumentCues(readKnowledgeJson(dir, 'instruments.json')),
    calendar: readCalendar(dir, options.calendarFile ?? null),
    officialText: readOfficialDocument(readKnowledgeJson(dir, 'official-text.json')),
  });
}

// The models are optional: without its file the rules decide alone.
function readModel(dir: string, file: string, ids: ReadonlySet<string>): ConcernModel | null {
  if (!existsSync(join(dir, file))) return null;
  return compileConcernModel(readKnowledgeJson(dir, file) as unknown as ConcernModelFile, `knowledge/${file}`, ids);
}

// Plain objects and arrays only: a regex keeps a writable lastIndex (global scans need it), and a
// Map is typed read-only instead.
function deepFreeze<T>(value: T): T {
  if (Array.isArray(value) || (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype)) {
    for (const v of Object.values(value as object)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
