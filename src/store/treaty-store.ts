/** Reads and writes the convention's official text and the tagged items that cite an article. */
import { statement, type Db } from './db.js';
import type { Provision } from '../domain.js';

/** A provision as stored, with its place in the document. */
export interface StoredProvision extends Provision {
  position: number;
}

/** One recorded import of the official text. */
export interface TreatyImport {
  /** ISO 639-1 code of the text's language ("en", "es"). */
  language: string;
  source: string;
  sha256: string;
  format: string;
  importedAtMs: number;
  articles: number;
  provisions: number;
}

/** A tagged item citing an article, for the lookup reply. */
export interface CitingItem {
  itemId: number;
  title: string;
  url: string | null;
  sourceName: string;
  publishedAtMs: number | null;
  /** The ref the item cites (final numbering) and the sentence it cites it in. */
  ref: string;
  sentence: string;
}

const IMPORT_COLUMNS = 'language, source, sha256, format, imported_at_ms AS importedAtMs, articles, provisions';

// Counts and the newest items come from tables the tag triggers keep (migration 160), so a lookup
// reads a handful of rows however often the article is cited.
const SQL = {
  deleteTexts: 'DELETE FROM article_texts WHERE language = ?',
  insertText: `
    INSERT INTO article_texts (language, ref, article, paragraph, letter, position, text)
    VALUES (@language, @ref, @article, @paragraph, @letter, @position, @text)`,
  upsertImport: `
    INSERT INTO treaty_imports (language, source, sha256, format, imported_at_ms, articles, provisions)
    VALUES (@language, @source, @sha256, @format, @importedAtMs, @articles, @provisions)
    ON CONFLICT (sha256) DO UPDATE SET language = excluded.language, source = excluded.source, format = excluded.format,
      imported_at_ms = excluded.imported_at_ms, articles = excluded.articles, provisions = excluded.provisions`,
  latestImport: `SELECT ${IMPORT_COLUMNS} FROM treaty_imports WHERE language = ? ORDER BY imported_at_ms DESC, id DESC LIMIT 1`,
  // The text stored in each language is the one of its latest import (both are written together).
  latestImports: `
    SELECT ${IMPORT_COLUMNS} FROM treaty_imports t
    WHERE id = (SELECT id FROM treaty_imports WHERE language = t.language ORDER BY imported_at_ms DESC, id DESC LIMIT 1)
    ORDER BY language = 'en' DESC, language`,
  articleTexts: 'SELECT ref, article, paragraph, letter, position, text FROM article_texts WHERE language = ? AND article = ? ORDER BY position',
  countTexts: 'SELECT COUNT(*) AS n FROM article_texts WHERE language = ?',
  paragraphCounts: 'SELECT article, COUNT(DISTINCT paragraph) AS paragraphs FROM article_texts WHERE language = ? GROUP BY article',
  concernCounts: `
    SELECT concern, items AS count FROM article_concern_counts
    WHERE article = @article AND items > 0 ORDER BY count DESC, concern`,
  countItems: 'SELECT COALESCE((SELECT items FROM article_counts WHERE article = @article), 0) AS n',
  // One row per item: the citation closest to the asked ref wins (exact ref, then the shortest).
  latestItems: `
    SELECT i.id AS itemId, i.title AS title, i.url AS url, s.name AS sourceName, i.published_at_ms AS publishedAtMs,
      (SELECT ia.ref FROM item_articles ia WHERE ia.item_id = top.item_id AND ia.article = @article
        ORDER BY ia.ref = @ref DESC, length(ia.ref), ia.ref LIMIT 1) AS ref,
      (SELECT ia.sentence FROM item_articles ia WHERE ia.item_id = top.item_id AND ia.article = @article
        ORDER BY ia.ref = @ref DESC, length(ia.ref), ia.ref LIMIT 1) AS sentence
    FROM (SELECT item_id, at_ms FROM article_latest WHERE article = @article
          ORDER BY at_ms DESC, item_id DESC LIMIT @limit) AS top
    JOIN items i ON i.id = top.item_id
    JOIN sources s ON s.id = i.source_id
    ORDER BY top.at_ms DESC, top.item_id DESC`,
  searchArticles: `
    SELECT t.ref AS ref, t.article AS article, snippet(article_texts_fts, 0, '', '', '…', 24) AS snippet
    FROM article_texts_fts JOIN article_texts t ON t.id = article_texts_fts.rowid
    WHERE article_texts_fts MATCH @q AND t.language = @language
    ORDER BY bm25(article_texts_fts), t.position LIMIT @limit`,
  // The candidates are the newest matches, a walk of the index in rowid order (rowids grow with
  // insertion) that stops at the cap; only they are ranked. FTS5's own ORDER BY rank would score
  // every match first, even with a rowid range.
  searchItemsRanked: `
    SELECT i.id AS itemId, i.title AS title, i.url AS url, s.name AS sourceName, i.published_at_ms AS publishedAtMs, top.rank AS rank
    FROM (SELECT rowid, rank FROM (
            SELECT rowid, bm25(items_fts, 3.0, 2.0, 1.0) AS rank FROM items_fts
            WHERE items_fts MATCH @q ORDER BY rowid DESC LIMIT @cap)
          ORDER BY rank LIMIT @window) AS top
    JOIN items i ON i.id = top.rowid JOIN sources s ON s.id = i.source_id
    ORDER BY top.rank, COALESCE(i.published_at_ms, i.fetched_at_ms) DESC, i.id DESC LIMIT @limit`,
  searchItemSnippet: `SELECT snippet(items_fts, -1, '', '', '…', 24) AS snippet FROM items_fts WHERE items_fts MATCH @q AND rowid = @id`,
} as const;

/**
 * Replaces the stored official text of the record's language with `provisions` and records the
 * import, in one transaction; the other languages stay. Returns rows written.
 */
export function replaceOfficialText(db: Db, provisions: readonly Provision[], record: TreatyImport): number {
  const run = db.transaction(() => {
    statement(db, SQL.deleteTexts).run(record.language);
    const insert = statement(db, SQL.insertText);
    provisions.forEach((p, position) => insert.run({ ...p, position, language: record.language }));
    statement(db, SQL.upsertImport).run(record);
  });
  try {
    run.immediate();
  } catch (cause) {
    throw new Error('store: replace official text', { cause });
  }
  return provisions.length;
}

/** Returns the latest recorded import of the official text in a language (English by default), or undefined. */
export function findLatestTreatyImport(db: Db, language = 'en'): TreatyImport | undefined {
  return statement(db, SQL.latestImport).get(language) as TreatyImport | undefined;
}

/** Returns the import behind the stored text of each language, English first. */
export function listStoredTreatyTexts(db: Db): TreatyImport[] {
  return statement(db, SQL.latestImports).all() as TreatyImport[];
}

/** Returns the stored provisions of one article in a language, in document order (empty when not imported). */
export function listArticleTexts(db: Db, article: number, language = 'en'): StoredProvision[] {
  return statement(db, SQL.articleTexts).all(language, article) as StoredProvision[];
}

/** Returns how many provisions are stored in a language (English by default). */
export function countArticleTexts(db: Db, language = 'en'): number {
  return (statement(db, SQL.countTexts).get(language) as { n: number }).n;
}

/** Returns how many numbered paragraphs each article has in the stored text of a language (empty when none is stored). */
export function countParagraphsPerArticle(db: Db, language: string): Map<number, number> {
  const rows = statement(db, SQL.paragraphCounts).all(language) as { article: number; paragraphs: number }[];
  return new Map(rows.map((r) => [r.article, r.paragraphs]));
}

/** Returns, for relevant items tagged with the article, how many carry each concern, most first. */
export function countConcernsForArticle(db: Db, article: number): { concern: string; count: number }[] {
  return statement(db, SQL.concernCounts).all({ article }) as { concern: string; count: number }[];
}

/** Returns how many relevant items are tagged with the article. */
export function countItemsForArticle(db: Db, article: number): number {
  return (statement(db, SQL.countItems).get({ article }) as { n: number }).n;
}

/** Returns the newest relevant items tagged with the article, each with the sentence that cites it. */
export function listLatestItemsForArticle(db: Db, article: number, ref: string, limit = 5): CitingItem[] {
  return statement(db, SQL.latestItems).all({ article, ref, limit }) as CitingItem[];
}

/** Runs a prepared FTS5 query over the article text of a language (English by default); returns matches best first (bm25). */
export function searchArticleTexts(db: Db, ftsQuery: string, limit: number, language = 'en'): { ref: string; article: number; snippet: string }[] {
  return statement(db, SQL.searchArticles).all({ q: ftsQuery, limit, language }) as { ref: string; article: number; snippet: string }[];
}

/** A matching item, as search lists it. */
export interface ItemMatch {
  itemId: number;
  title: string;
  url: string | null;
  sourceName: string;
  publishedAtMs: number | null;
  snippet: string;
}

/** Matches ranked before the date decides ties; more than any page of results shows. */
const RANK_WINDOW = 50;
/**
 * Most matches a search ranks: the newest ones. A very common word ("article", "convention")
 * matches a large share of the relevant items, and ranking costs a few microseconds per match, so
 * only its newest SEARCH_RANKED_MATCHES matches are ranked and older ones are never shown. A query
 * with fewer matches has every match ranked.
 */
export const SEARCH_RANKED_MATCHES = 1_000;

/**
 * Runs a prepared FTS5 query over relevant items; returns matches best first (bm25 with title,
 * summary and text weighted 3:2:1), newest first on ties. The index holds relevant items only
 * (migration 200), so no match needs a join to be filtered out.
 */
export function searchItems(db: Db, ftsQuery: string, limit: number): ItemMatch[] {
  const top = statement(db, SQL.searchItemsRanked).all({ q: ftsQuery, cap: SEARCH_RANKED_MATCHES, window: Math.max(limit, RANK_WINDOW), limit }) as (ItemMatch & { rank: number })[];
  return top.map(({ rank: _rank, ...m }) => ({ ...m, snippet: (statement(db, SQL.searchItemSnippet).get({ q: ftsQuery, id: m.itemId }) as { snippet: string } | undefined)?.snippet ?? '' }));
}
