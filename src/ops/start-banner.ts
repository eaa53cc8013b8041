/**
 * The lines a person sees when the bot starts: what it follows, where it keeps its data, where it
 * talks, and what is still missing (the official text) with the command that fixes it.
 */
import type { TreatyImport } from '../store/treaty-store.js';
import type { TreatyTextSetting } from '../treaty/official-text-sources.js';

/** What the banner reports, read once at start. */
export interface StartFacts {
  enabledSources: number;
  dbPath: string;
  adapters: readonly string[];
  /** The latest import of the official text, or undefined when none was made. */
  officialText: TreatyImport | undefined;
  /** How the bot fetches the text by itself when it is missing (TREATYWATCH_TREATY_TEXT). */
  treatyText: TreatyTextSetting;
}

/** The command that imports the official text, as the banner and replies suggest it. */
export const IMPORT_HINT = 'treatywatch treaty import <file|url> (the UN document A/RES/79/243 as PDF, HTML or plain text)';

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
    `  official text: ${describeOfficialText(facts.officialText, facts.treatyText)}`,
  ];
}

function describeOfficialText(record: TreatyImport | undefined, setting: TreatyTextSetting): string {
  if (!record) {
    const fetching = setting.mode === 'auto' ? 'fetching it from the UN now (TREATYWATCH_TREATY_TEXT=auto)'
      : setting.mode === 'mirror' ? `fetching it from ${setting.location} now (TREATYWATCH_TREATY_TEXT)`
      : 'not fetched by itself (TREATYWATCH_TREATY_TEXT=off)';
    return `not imported yet, ${fetching}; article lookups show titles only until then. Import it by hand with: ${IMPORT_HINT}`;
  }
  const date = new Date(record.importedAtMs).toISOString().slice(0, 10);
  return `imported ${date} from ${record.source} (${record.articles} articles, ${record.provisions} provisions)`;
}
