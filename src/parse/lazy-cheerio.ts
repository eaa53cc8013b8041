import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let loaded: typeof import('cheerio') | null = null;

/**
 * Returns cheerio, loading it on first use. Its entry point pulls in two HTML parsers and an HTTP
 * client; most polls read only feeds, so a bot whose sources are all feeds never loads it.
 */
export function cheerio(): typeof import('cheerio') {
  return (loaded ??= require('cheerio') as typeof import('cheerio'));
}
