import type { ClassifyResult, Item } from '../domain.js';
import { statement, type Db } from './db.js';
import { rowToItem, type ItemRow } from './items-store.js';

/** An item's stored tags, as a set that compares equal when nothing changed. */
export interface StoredTags {
  relevant: boolean;
  articles: string[];
  concerns: string[];
}

/** Replaces an item's tags (articles, concerns) and its relevance, score and classification time. */
export function saveClassification(db: Db, itemId: number, result: ClassifyResult, nowMs: number): void {
  statement(db, 'DELETE FROM item_articles WHERE item_id = ?').run(itemId);
  statement(db, 'DELETE FROM item_concerns WHERE item_id = ?').run(itemId);
  insertTags(db, itemId, result);
  statement(db, 'UPDATE items SET relevant = @relevant, score = @score, classified_at_ms = @nowMs WHERE id = @itemId')
    .run({ itemId, relevant: result.relevant ? 1 : 0, score: result.score, nowMs });
}

/** Writes the tag rows (articles, concerns) of an item that has none yet, such as one stored in this transaction. */
export function insertTags(db: Db, itemId: number, result: ClassifyResult): void {
  if (result.mentions.length > 0) {
    const insertArticle = statement(db, `
      INSERT OR IGNORE INTO item_articles (item_id, ref, article, cited_as, version, raw, sentence)
      VALUES (@itemId, @ref, @article, @citedAs, @version, @raw, @sentence)`);
    // One row per ref; the first mention wins (OR IGNORE on the primary key), so the stored
    // sentence is where the item first cites the provision.
    for (const m of result.mentions) {
      if (!result.articles.includes(m.ref)) continue;
      insertArticle.run({ itemId, ref: m.ref, article: Number.parseInt(m.ref, 10), citedAs: m.cited_as, version: m.version, raw: m.raw, sentence: m.sentence });
    }
  }
  if (result.concerns.length === 0) return;
  const insertConcern = statement(db, 'INSERT OR IGNORE INTO item_concerns (item_id, concern) VALUES (?, ?)');
  for (const concern of result.concerns) insertConcern.run(itemId, concern);
}

/** Returns the article refs an item is tagged with, sorted. */
export function listItemRefs(db: Db, itemId: number): string[] {
  return (statement(db, 'SELECT ref FROM item_articles WHERE item_id = ? ORDER BY ref').all(itemId) as { ref: string }[]).map((r) => r.ref);
}

/**
 * Returns up to `limit` stored items with an id above `afterId`, in id order, each with whether it
 * was ever classified and the text of its linked page when enrichment read it.
 */
export function readItemBatch(db: Db, afterId: number, limit: number): { item: Item; classified: boolean; fullText: string | null }[] {
  const rows = statement(db, `SELECT i.*, f.text AS full_text FROM items i
    LEFT JOIN item_full_texts f ON f.item_id = i.id AND f.status = 'done'
    WHERE i.id > ? ORDER BY i.id LIMIT ?`).all(afterId, limit) as (ItemRow & { full_text: string | null })[];
  return rows.map((row) => ({ item: rowToItem(row), classified: row.classified_at_ms !== null, fullText: row.full_text }));
}

/** Returns an item's stored relevance, article refs and concerns. */
export function readStoredTags(db: Db, itemId: number): StoredTags {
  const relevant = (statement(db, 'SELECT relevant FROM items WHERE id = ?').get(itemId) as { relevant: number | null }).relevant === 1;
  const articles = (statement(db, 'SELECT ref FROM item_articles WHERE item_id = ?').all(itemId) as { ref: string }[]).map((r) => r.ref);
  const concerns = (statement(db, 'SELECT concern FROM item_concerns WHERE item_id = ?').all(itemId) as { concern: string }[]).map((r) => r.concern);
  return { relevant, articles, concerns };
}
