/** Which official texts are stored, from which document and when, in lines for `status` and the start banner. */
import type { Db } from '../store/db.js';
import { findTreatyTextAttempt, type TreatyTextAttempt } from '../store/treaty-text-attempts-store.js';
import { listStoredTreatyTexts, type TreatyImport } from '../store/treaty-store.js';
import { LANGUAGE_NAMES } from './official-text.js';
import { isTextLanguage } from '../domain.js';
import { mirrorLocation, type TreatyTextSetting } from './official-text-sources.js';

/** What is known about the official texts: the import behind each stored language, and failed attempts at the English one. */
export interface OfficialTextFacts {
  stored: readonly TreatyImport[];
  attempt: TreatyTextAttempt | undefined;
}

/** Returns the stored texts (English first) and the background import's failed attempts. */
export function readOfficialTextFacts(db: Db): OfficialTextFacts {
  return { stored: listStoredTreatyTexts(db), attempt: findTreatyTextAttempt(db, 'en') };
}

/**
 * Returns one line per stored language ("English: imported 2026-12-02 00:10 UTC from <url> (68
 * articles, 421 provisions)"), preceded, when no English text is stored, by why: failed attempts
 * and the next one, or how the bot fetches it (`setting`, known at start; chat replies pass none).
 */
export function describeOfficialTexts(facts: OfficialTextFacts, nowMs: number, setting?: TreatyTextSetting): string[] {
  const lines = facts.stored.map((t) => {
    const name = isTextLanguage(t.language) ? LANGUAGE_NAMES[t.language] : t.language;
    return `${name}: imported ${formatInstant(t.importedAtMs)} from ${t.source} (${t.articles} articles, ${t.provisions} provisions)`;
  });
  if (facts.stored.some((t) => t.language === 'en')) return lines;
  return [`English: not imported yet, ${describeMissing(facts.attempt, nowMs, setting)}`, ...lines];
}

function describeMissing(attempt: TreatyTextAttempt | undefined, nowMs: number, setting: TreatyTextSetting | undefined): string {
  if (setting?.mode === 'off') return 'not fetched by itself (TREATYWATCH_TREATY_TEXT=off)';
  if (attempt) {
    const count = `${attempt.failures} failed attempt${attempt.failures === 1 ? '' : 's'}`;
    return `${count} at ${attempt.source} (last: ${attempt.lastError}); next attempt at ${formatInstant(Math.max(attempt.nextAttemptAtMs, nowMs))}`;
  }
  if (setting?.mode === 'mirror') return `fetching it from ${mirrorLocation(setting.location, 'en') ?? setting.location} now (TREATYWATCH_TREATY_TEXT)`;
  if (setting?.mode === 'auto') return 'fetching it from the UN now (TREATYWATCH_TREATY_TEXT=auto)';
  return 'the bot fetches it from the UN unless TREATYWATCH_TREATY_TEXT is off';
}

function formatInstant(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
