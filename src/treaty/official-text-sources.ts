/**
 * Where the official text comes from: the UN document URL of each language (knowledge/official-text.json),
 * or an operator's mirror, as chosen by TREATYWATCH_TREATY_TEXT.
 */
import { readFileSync } from 'node:fs';
import { projectPath } from '../project-path.js';
import { isTextLanguage, TEXT_LANGUAGES, type TextLanguage } from './official-text.js';

/** The official document and its URL per language. */
export interface OfficialDocument {
  symbol: string;
  urls: Record<TextLanguage, string>;
}

/**
 * What TREATYWATCH_TREATY_TEXT says: `auto` imports the UN's text at first start, `off` never
 * requests it, and a file path or URL is a mirror used instead of the UN's address. A mirror may
 * carry `{lang}`, replaced by the language code, to serve every language.
 */
export type TreatyTextSetting = { mode: 'auto' } | { mode: 'off' } | { mode: 'mirror'; location: string };

let cached: OfficialDocument | undefined;

/** Returns the official document's symbol and its URL in each of the six languages. */
export function loadOfficialDocument(): OfficialDocument {
  if (cached) return cached;
  const path = projectPath('knowledge', 'official-text.json');
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { symbol?: unknown; documents?: Record<string, unknown> };
  const urls = {} as Record<TextLanguage, string>;
  for (const language of TEXT_LANGUAGES) {
    const url = raw.documents?.[language];
    if (typeof url !== 'string' || !/^https:\/\//.test(url)) throw new Error(`treaty: ${path} has no https URL for "${language}"`);
    urls[language] = url;
  }
  if (typeof raw.symbol !== 'string') throw new Error(`treaty: ${path} has no document symbol`);
  cached = { symbol: raw.symbol, urls };
  return cached;
}

/** Returns the setting for a TREATYWATCH_TREATY_TEXT value; throws naming the variable and the fix. */
export function parseTreatyTextSetting(raw: string): TreatyTextSetting {
  const value = raw.trim();
  const lower = value.toLowerCase();
  if (lower === '' || lower === 'auto') return { mode: 'auto' };
  if (lower === 'off') return { mode: 'off' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    let url: URL | null = null;
    try {
      url = new URL(value.replaceAll('{lang}', 'en'));
    } catch {
      // reported below
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
      throw new Error(`config: TREATYWATCH_TREATY_TEXT must be auto, off, a file path or an http(s) URL (got "${value}")`);
    }
  }
  return { mode: 'mirror', location: value };
}

/**
 * Returns where to read one language's text from: the mirror when set (its `{lang}` filled in),
 * else the UN's URL; null when the setting is `off`, or when a mirror without `{lang}` is asked for
 * another language than English.
 */
export function resolveTextLocation(setting: TreatyTextSetting, language: TextLanguage, urls = loadOfficialDocument().urls): string | null {
  if (setting.mode === 'off') return null;
  if (setting.mode === 'auto') return urls[language];
  if (setting.location.includes('{lang}')) return setting.location.replaceAll('{lang}', language);
  return language === 'en' ? setting.location : null;
}

/** Returns the language for a `--lang` value or a trailing word such as "es"; undefined when it is none of the six. */
export function readTextLanguage(code: string): TextLanguage | undefined {
  const lower = code.trim().toLowerCase();
  return isTextLanguage(lower) ? lower : undefined;
}
