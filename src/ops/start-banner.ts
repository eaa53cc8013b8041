/**
 * The lines a person sees when the bot starts: what it follows, where it keeps its data, where it
 * talks, and what is still missing (the official text) with the command that fixes it.
 */
import { describeOfficialTexts, type OfficialTextFacts } from '../treaty/describe-official-texts.js';
import type { TreatyTextSetting } from '../treaty/official-text-sources.js';

/** What the banner reports, read once at start. */
export interface StartFacts {
  enabledSources: number;
  dbPath: string;
  adapters: readonly string[];
  /** The official texts stored (one import per language) and failed attempts at the English one. */
  officialText: OfficialTextFacts;
  /** How the bot fetches the text by itself when it is missing (TREATYWATCH_TREATY_TEXT). */
  treatyText: TreatyTextSetting;
  nowMs: number;
}

/** The command that imports the official text, as the banner and replies suggest it. */
export const IMPORT_HINT = 'treatywatch treaty import [<file|url>] (no argument: the UN document A/RES/79/243; or a PDF, HTML or plain-text copy)';

/** Returns the start banner, one fact a line. */
export function buildStartBanner(facts: StartFacts): string[] {
  const sources = facts.enabledSources === 0
    ? 'no enabled sources: nothing will be polled (see TREATYWATCH_SOURCES)'
    : `${facts.enabledSources} ${facts.enabledSources === 1 ? 'source' : 'sources'}, first poll now ("sources" shows their health)`;
  return [
    'treatywatch is starting',
    `  sources:       ${sources}`,
    `  database:      ${facts.dbPath}`,
    `  adapters:      ${facts.adapters.join(', ')}`,
    ...describeOfficialText(facts),
  ];
}

// One line per stored language, under one label; a missing English text says how to get it.
function describeOfficialText(facts: StartFacts): string[] {
  const lines = describeOfficialTexts(facts.officialText, facts.nowMs, facts.treatyText);
  if (!facts.officialText.stored.some((t) => t.language === 'en')) {
    lines[0] += `; article lookups show titles only until then. Import it by hand with: ${IMPORT_HINT}`;
  }
  return lines.map((line, i) => `${i === 0 ? '  official text: ' : '                 '}${line}`);
}
