/** Where the official text is published, `knowledge/official-text.json`: its symbol and a URL per language. */
import { TEXT_LANGUAGES, type TextLanguage } from '../domain.js';
import { isRecord, KnowledgeError, requireString } from './knowledge-file.js';

/** The official document and its URL per language. */
export interface OfficialDocument {
  symbol: string;
  urls: Readonly<Record<TextLanguage, string>>;
}

/** Returns the official document of a parsed file; throws naming the file and the language without an https URL. */
export function readOfficialDocument(file: Record<string, unknown>, name = 'knowledge/official-text.json'): OfficialDocument {
  const documents = isRecord(file['documents']) ? file['documents'] : {};
  const urls = {} as Record<TextLanguage, string>;
  for (const language of TEXT_LANGUAGES) {
    const url = documents[language];
    if (typeof url !== 'string' || !/^https:\/\//.test(url)) throw new KnowledgeError(name, null, `no https URL for "${language}"`);
    urls[language] = url;
  }
  return { symbol: requireString(file['symbol'], name, 'symbol'), urls };
}
