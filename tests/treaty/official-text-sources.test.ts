import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { TEXT_LANGUAGES } from '../../src/domain.js';
import { parseTreatyTextSetting, readTextLanguage, resolveTextLocation } from '../../src/treaty/official-text-sources.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

describe('the official document of each language', () => {
  it('has the UN document URL of A/RES/79/243 for all six languages', () => {
    const doc = KNOWLEDGE.officialText;
    expect(doc.symbol).toBe('A/RES/79/243');
    for (const language of TEXT_LANGUAGES) {
      const url = new URL(doc.urls[language]);
      expect(url.hostname).toBe('documents.un.org');
      expect(url.searchParams.get('s')).toBe('A/RES/79/243');
      expect(url.searchParams.get('l')).toBe(language);
    }
  });
});

describe('TREATYWATCH_TREATY_TEXT', () => {
  const urls = KNOWLEDGE.officialText.urls;

  it('defaults to auto, which reads the UN document of the language asked for', () => {
    expect(parseConfig({}).treatyText).toEqual({ mode: 'auto' });
    expect(resolveTextLocation(parseTreatyTextSetting('AUTO'), 'en', KNOWLEDGE.officialText.urls)).toBe(urls.en);
    expect(resolveTextLocation({ mode: 'auto' }, 'fr', KNOWLEDGE.officialText.urls)).toBe(urls.fr);
  });

  it('requests nothing when off', () => {
    for (const language of TEXT_LANGUAGES) expect(resolveTextLocation(parseTreatyTextSetting('off'), language, KNOWLEDGE.officialText.urls)).toBeNull();
  });

  it('reads a mirror instead, per language when it carries {lang}, else English only', () => {
    const perLanguage = parseTreatyTextSetting('https://mirror.example.org/A_RES_79_243-{lang}.pdf');
    expect(resolveTextLocation(perLanguage, 'es', KNOWLEDGE.officialText.urls)).toBe('https://mirror.example.org/A_RES_79_243-es.pdf');
    const single = parseTreatyTextSetting('/srv/treaty/A_RES_79_243.pdf');
    expect(resolveTextLocation(single, 'en', KNOWLEDGE.officialText.urls)).toBe('/srv/treaty/A_RES_79_243.pdf');
    expect(resolveTextLocation(single, 'ru', KNOWLEDGE.officialText.urls)).toBeNull();
  });

  it('refuses a URL that is not http(s), naming the variable', () => {
    expect(() => parseConfig({ TREATYWATCH_TREATY_TEXT: 'ftp://mirror.example.org/a.pdf' })).toThrow(/TREATYWATCH_TREATY_TEXT must be auto, off/);
  });

  it('reads language codes of the six languages only', () => {
    expect(readTextLanguage(' ES ')).toBe('es');
    expect(readTextLanguage('de')).toBeUndefined();
  });
});
