/**
 * Where the official text comes from: the UN document URL of each language (knowledge/official-text.json),
 * or an operator's mirror, as chosen by TREATYWATCH_TREATY_TEXT.
 */
import { isTextLanguage, type TextLanguage } from '../domain.js';

/**
 * What TREATYWATCH_TREATY_TEXT says: `auto` imports the UN's text at first start, `off` never
 * requests it, and a file path or URL is a mirror used instead of the UN's address. A mirror may
 * carry `{lang}`, replaced by the language code, to serve every language.
 */
export type TreatyTextSetting = { mode: 'auto' } | { mode: 'off' } | { mode: 'mirror'; location: string };

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
export function resolveTextLocation(setting: TreatyTextSetting, language: TextLanguage, urls: Readonly<Record<TextLanguage, string>>): string | null {
  if (setting.mode === 'off') return null;
  if (setting.mode === 'auto') return urls[language];
  return mirrorLocation(setting.location, language);
}

/** Returns where a mirror serves one language: its `{lang}` filled in, or the mirror itself for English only. */
export function mirrorLocation(location: string, language: TextLanguage): string | null {
  if (location.includes('{lang}')) return location.replaceAll('{lang}', language);
  return language === 'en' ? location : null;
}

/** Returns the language for a `--lang` value or a trailing word such as "es"; undefined when it is none of the six. */
export function readTextLanguage(code: string): TextLanguage | undefined {
  const lower = code.trim().toLowerCase();
  return isTextLanguage(lower) ? lower : undefined;
}
