import { classifyItem } from '../classify/classify-item.js';
import type { ClassifyInput } from '../classify/classify-types.js';
import { applyOriginRelevance, isRelevantByOrigin } from '../classify/relevant-by-origin.js';
import type { ClassifyResult, Item } from '../domain.js';
import { statement, type Db } from './db.js';
import { rowToItem } from './items-store.js';

/** Rows read per transaction when re-tagging the whole store. */
export const RECLASSIFY_BATCH_ITEMS = 500;

/** Replaces an item's tags (articles, concerns) and its relevance, score and classification time. */
export function saveClassification(db: Db, itemId: number, result: ClassifyResult, nowMs: number): void {
  statement(db, 'DELETE FROM item_articles WHERE item_id = ?').run(itemId);
  statement(db, 'DELETE FROM item_concerns WHERE item_id = ?').run(itemId);
  const insertArticle = statement(db, `
    INSERT OR IGNORE INTO item_articles (item_id, ref, article, cited_as, version, raw, sentence)
    VALUES (@itemId, @ref, @article, @citedAs, @version, @raw, @sentence)`);
  // One row per ref; the first mention wins (OR IGNORE on the primary key), so the stored
  // sentence is where the item first cites the provision.
  for (const m of result.mentions) {
    if (!result.articles.includes(m.ref)) continue;
    insertArticle.run({ itemId, ref: m.ref, article: Number.parseInt(m.ref, 10), citedAs: m.cited_as, version: m.version, raw: m.raw, sentence: m.sentence });
  }
  const insertConcern = statement(db, 'INSERT OR IGNORE INTO item_concerns (item_id, concern) VALUES (?, ?)');
  for (const concern of result.concerns) insertConcern.run(itemId, concern);
  statement(db, 'UPDATE items SET relevant = @relevant, score = @score, classified_at_ms = @nowMs WHERE id = @itemId')
    .run({ itemId, relevant: result.relevant ? 1 : 0, score: result.score, nowMs });
}

/** Returns the article refs an item is tagged with, sorted. */
export function listItemRefs(db: Db, itemId: number): string[] {
  return (statement(db, 'SELECT ref FROM item_articles WHERE item_id = ? ORDER BY ref').all(itemId) as { ref: string }[]).map((r) => r.ref);
}

/** Classifies items and saves their tags; call inside the poll's transaction. Returns each item's result by id. */
export function classifyAndSaveItems(db: Db, items: readonly Item[], nowMs: number): Map<number, ClassifyResult> {
  const results = new Map<number, ClassifyResult>();
  for (const item of items) {
    let result: ClassifyResult;
    try {
      result = classifyStoredItem(db, item);
    } catch (cause) {
      throw new Error(`classify: item ${item.id}`, { cause });
    }
    saveClassification(db, item.id, result, nowMs);
    results.set(item.id, result);
  }
  return results;
}

/** Returns the classification of a stored item, relevant by construction when its origin says so (treaty record, official documents). */
export function classifyStoredItem(db: Db, item: Item): ClassifyResult {
  const source = statement(db, 'SELECT kind, publisher FROM sources WHERE id = ?').get(item.sourceId) as { kind: string; publisher: string } | undefined;
  return applyOriginRelevance(classifyItem(itemToClassifyInput(item)), isRelevantByOrigin(item, source));
}

/** Returns the classifier input of a stored item: title, body (summary and text without repeats), source, UTC date. */
export function itemToClassifyInput(item: Item): ClassifyInput {
  return {
    id: String(item.id),
    title: item.title,
    text: joinSummaryAndText(item.summary, item.text),
    url: item.url,
    publisher: item.sourceId,
    published: item.publishedAtMs === null ? null : new Date(item.publishedAtMs).toISOString().slice(0, 10),
  };
}

/** Re-tags every stored item in batches (one transaction each); returns how many items there were and how many changed. */
export function reclassifyStoredItems(db: Db, nowMs: number, batchItems = RECLASSIFY_BATCH_ITEMS): { items: number; changed: number } {
  let items = 0;
  let changed = 0;
  let lastId = 0;
  const runBatch = db.transaction(() => {
    // An enriched item is re-tagged from its page's text, as enrichment tagged it.
    const rows = statement(db, `SELECT i.*, f.text AS full_text FROM items i
      LEFT JOIN item_full_texts f ON f.item_id = i.id AND f.status = 'done'
      WHERE i.id > ? ORDER BY i.id LIMIT ?`).all(lastId, batchItems) as Record<string, unknown>[];
    for (const row of rows) {
      const stored = rowToItem(row);
      const item = typeof row['full_text'] === 'string' ? { ...stored, text: row['full_text'] } : stored;
      const before = readTagFingerprint(db, item.id, row['classified_at_ms'] !== null);
      const result = classifyStoredItem(db, item);
      saveClassification(db, item.id, result, nowMs);
      if (before !== fingerprint(result.relevant, result.articles, result.concerns)) changed++;
      lastId = item.id;
    }
    return rows.length;
  });
  for (let n = runBatch(); n > 0; n = runBatch()) items += n;
  return { items, changed };
}

// Summaries are often the opening of the text, or the text cut short: classifying both would
// count every cue twice, so a part contained in the other is dropped.
function joinSummaryAndText(summary: string, text: string): string {
  const s = summary.trim();
  const t = text.trim();
  if (!s) return t;
  if (!t) return s;
  const fs = squash(s);
  const ft = squash(t);
  if (ft.includes(fs)) return t;
  if (fs.includes(ft)) return s;
  return `${s}\n\n${t}`;
}

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/(?:\.\.\.|…)$/, '').trim().toLowerCase();
}

function readTagFingerprint(db: Db, itemId: number, classified: boolean): string | null {
  if (!classified) return null;
  const relevant = (statement(db, 'SELECT relevant FROM items WHERE id = ?').get(itemId) as { relevant: number | null }).relevant === 1;
  const articles = (statement(db, 'SELECT ref FROM item_articles WHERE item_id = ?').all(itemId) as { ref: string }[]).map((r) => r.ref);
  const concerns = (statement(db, 'SELECT concern FROM item_concerns WHERE item_id = ?').all(itemId) as { concern: string }[]).map((r) => r.concern);
  return fingerprint(relevant, articles, concerns);
}

function fingerprint(relevant: boolean, articles: readonly string[], concerns: readonly string[]): string {
  return JSON.stringify([relevant, [...articles].sort(), [...concerns].sort()]);
}
