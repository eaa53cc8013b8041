/**
 * `search <words>`: full-text search over the official text and the stored items.
 *
 * User words never reach FTS5 syntax: each word becomes a quoted term and balanced "double
 * quotes" become a quoted phrase; operators (AND, OR, NOT, NEAR), `*`, `^`, column filters and
 * stray quotes are plain text. All terms must match; when that finds nothing, any term may.
 */
import type { Db } from '../store/db.js';
import { searchFullTexts, type FullTextMatch } from '../store/fulltext-store.js';
import { searchArticleTexts, searchItems } from '../store/treaty-store.js';
import type { ArticleTables } from '../knowledge/article-tables.js';
import { findArticle } from './articles.js';

/** At most this many terms are searched; the rest are dropped. */
export const MAX_SEARCH_TERMS = 12;
const MAX_TERM_CHARS = 64;
/** Matches listed per kind. */
export const SEARCH_LIMIT = 5;

/** What a search found, best first in each list. */
export interface TreatySearch {
  words: string;
  /** The FTS5 query that was run, or null when the words had nothing searchable. */
  query: string | null;
  /** True when no match had every term, so matches of any term are shown. */
  broadened: boolean;
  provisions: { ref: string; article: number; title: string; snippet: string }[];
  items: { itemId: number; title: string; url: string | null; sourceName: string; publishedAtMs: number | null; snippet: string }[];
}

/** Returns the quoted terms and phrases in `words`, safe to join into an FTS5 query. */
export function extractSearchTerms(words: string): string[] {
  const terms: string[] = [];
  const text = words.normalize('NFKC').replace(/[\u201c\u201d\u201e]/g, '"');
  // Only balanced quotes make phrases; a lone quote is dropped with the other punctuation.
  const phrase = /"([^"]*)"/g;
  let rest = '';
  let last = 0;
  for (const m of text.matchAll(phrase)) {
    rest += text.slice(last, m.index) + ' ';
    last = m.index + m[0].length;
    const parts = splitWords(m[1]!);
    if (parts.length > 0) terms.push(parts.join(' '));
  }
  rest += text.slice(last);
  terms.push(...splitWords(rest));
  return [...new Set(terms)].slice(0, MAX_SEARCH_TERMS);
}

/** Returns an FTS5 query matching all (`and`) or any (`or`) of the terms, or null when there are none. */
export function buildFtsQuery(terms: readonly string[], mode: 'and' | 'or'): string | null {
  if (terms.length === 0) return null;
  // Terms hold only letters, digits and single spaces, so wrapping them in quotes is enough.
  return terms.map((t) => `"${t}"`).join(mode === 'and' ? ' ' : ' OR ');
}

/** Returns the provisions and items matching `words`, ranked by bm25. */
export function searchTreaty(db: Db, tables: ArticleTables, words: string, limit = SEARCH_LIMIT): TreatySearch {
  const terms = extractSearchTerms(words);
  const strict = buildFtsQuery(terms, 'and');
  if (strict === null) return { words, query: null, broadened: false, provisions: [], items: [] };
  let result = runQuery(db, tables, strict, limit);
  let query = strict;
  let broadened = false;
  if (result.provisions.length === 0 && result.items.length === 0 && terms.length > 1) {
    query = buildFtsQuery(terms, 'or')!;
    result = runQuery(db, tables, query, limit);
    broadened = true;
  }
  return { words, query, broadened, ...result };
}

function runQuery(db: Db, tables: ArticleTables, query: string, limit: number): Pick<TreatySearch, 'provisions' | 'items'> {
  try {
    const provisions = searchArticleTexts(db, query, limit).map((p) => ({ ...p, title: findArticle(tables, p.article)?.title ?? '' }));
    return { provisions, items: mergeItemMatches(searchItems(db, query, limit), searchFullTexts(db, query, limit), limit) };
  } catch (cause) {
    throw new Error(`treaty: search ${JSON.stringify(query)}`, { cause });
  }
}

// Matches in an item's own entry (title, summary) come first; pages read in full add the items
// whose words appear only deeper in the article.
function mergeItemMatches(fromItems: TreatySearch['items'], fromPages: readonly FullTextMatch[], limit: number): TreatySearch['items'] {
  const seen = new Set(fromItems.map((i) => i.itemId));
  const merged = [...fromItems];
  for (const { rank: _rank, ...match } of fromPages) {
    if (merged.length >= limit) break;
    if (!seen.has(match.itemId)) merged.push(match);
  }
  return merged;
}

function splitWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.slice(0, MAX_TERM_CHARS));
}
