import type { Item, ItemKind, KeyedItem, ParsedItem } from '../domain.js';
import { statement, type Db } from './db.js';

/** An `items` row as SQLite returns it. */
export interface ItemRow {
  id: number;
  source_id: string;
  dedupe_key: string;
  kind: ItemKind;
  guid: string | null;
  url: string | null;
  canonical_url: string | null;
  title: string;
  summary: string;
  text: string;
  author: string | null;
  published_at_ms: number | null;
  fetched_at_ms: number;
  content_hash: string;
  extra_json: string | null;
  deliverable: number;
  relevant: number | null;
  score: number | null;
  classified_at_ms: number | null;
}

/** Returns a stored row as an Item. */
export function rowToItem(row: ItemRow): Item {
  return {
    id: row.id,
    sourceId: row.source_id,
    dedupeKey: row.dedupe_key,
    kind: row.kind,
    guid: row.guid,
    url: row.url,
    canonicalUrl: row.canonical_url,
    title: row.title,
    summary: row.summary,
    text: row.text,
    author: row.author,
    publishedAtMs: row.published_at_ms,
    fetchedAtMs: row.fetched_at_ms,
    contentHash: row.content_hash,
    extra: row.extra_json ? (JSON.parse(row.extra_json) as Record<string, unknown>) : null,
    deliverable: row.deliverable === 1,
    relevant: row.relevant === null || row.relevant === undefined ? null : row.relevant === 1,
    score: row.score,
  };
}

/**
 * Stores the items not seen before for this source and returns them as stored; items whose key is
 * already there are left untouched. Call inside the poll's transaction.
 */
export function insertNewItems(db: Db, sourceId: string, keyed: readonly KeyedItem[], opts: { deliverable: boolean; fetchedAtMs: number }): Item[] {
  const insert = statement(db, `
    INSERT INTO items (source_id, dedupe_key, kind, guid, url, canonical_url, title, summary, text, author,
                       published_at_ms, fetched_at_ms, content_hash, extra_json, deliverable)
    VALUES (@source_id, @dedupe_key, @kind, @guid, @url, @canonical_url, @title, @summary, @text, @author,
            @published_at_ms, @fetched_at_ms, @content_hash, @extra_json, @deliverable)
    ON CONFLICT (source_id, dedupe_key) DO NOTHING
    RETURNING *`);
  const stored: Item[] = [];
  for (const k of keyed) {
    const row = insert.get(newItemParams(sourceId, k, opts)) as ItemRow | undefined;
    if (row) stored.push(rowToItem(row));
  }
  return stored;
}

/** Returns which of these keys are already stored for the source. */
export function listStoredKeys(db: Db, sourceId: string, keys: readonly string[]): Set<string> {
  if (keys.length === 0) return new Set();
  const rows = statement(db, 'SELECT dedupe_key FROM items WHERE source_id = ? AND dedupe_key IN (SELECT value FROM json_each(?))')
    .all(sourceId, JSON.stringify(keys)) as { dedupe_key: string }[];
  return new Set(rows.map((r) => r.dedupe_key));
}

/**
 * Returns a new item as insertNewItems would store it, before it is stored (its id is 0), so it can
 * be classified first; null when SQLite would not store its text exactly as given (a lone UTF-16
 * surrogate), since the classifier must read what is stored.
 */
export function itemBeforeInsert(sourceId: string, k: KeyedItem, opts: { deliverable: boolean; fetchedAtMs: number }): Item | null {
  const { title, summary, text } = k.item;
  if (LONE_SURROGATE.test(title) || LONE_SURROGATE.test(summary) || LONE_SURROGATE.test(text)) return null;
  // The very columns the insert writes, read back through the same mapper as a stored row.
  return rowToItem(Object.assign(newItemParams(sourceId, k, opts), { id: 0, relevant: null, score: null, classified_at_ms: null }));
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Stores one new item together with its relevance, score and classification time (classified before
 * storing, so no later update rewrites the row), and returns it as stored; null when its key is
 * already stored. Call inside the poll's transaction.
 */
export function insertClassifiedItem(
  db: Db, sourceId: string, k: KeyedItem, opts: { deliverable: boolean; fetchedAtMs: number }, verdict: { relevant: boolean; score: number; classifiedAtMs: number },
): Item | null {
  const row = statement(db, `
    INSERT INTO items (source_id, dedupe_key, kind, guid, url, canonical_url, title, summary, text, author,
                       published_at_ms, fetched_at_ms, content_hash, extra_json, deliverable, relevant, score, classified_at_ms)
    VALUES (@source_id, @dedupe_key, @kind, @guid, @url, @canonical_url, @title, @summary, @text, @author,
            @published_at_ms, @fetched_at_ms, @content_hash, @extra_json, @deliverable, @relevant, @score, @classified_at_ms)
    ON CONFLICT (source_id, dedupe_key) DO NOTHING
    RETURNING *`).get(Object.assign(newItemParams(sourceId, k, opts), {
    relevant: verdict.relevant ? 1 : 0,
    score: verdict.score,
    classified_at_ms: verdict.classifiedAtMs,
  })) as ItemRow | undefined;
  return row ? rowToItem(row) : null;
}

/**
 * Stores the new title, text and links of items already stored under the same key whose content
 * changed (their content hash differs), and returns them as stored. The item keeps its id, date
 * and deliveries; `revised_at_ms` records the change. Call inside the poll's transaction.
 */
export function updateChangedItems(db: Db, sourceId: string, keyed: readonly KeyedItem[], revisedAtMs: number): Item[] {
  const update = statement(db, `
    UPDATE items SET title = @title, summary = @summary, text = @text, url = @url, canonical_url = @canonical_url,
                     author = @author, extra_json = @extra_json, content_hash = @content_hash, revised_at_ms = @revised_at_ms
    WHERE source_id = @source_id AND dedupe_key = @dedupe_key AND content_hash <> @content_hash
    RETURNING *`);
  const changed: Item[] = [];
  for (const k of keyed) {
    const row = update.get({
      ...contentParams(sourceId, k),
      revised_at_ms: revisedAtMs,
    }) as ItemRow | undefined;
    if (row) changed.push(rowToItem(row));
  }
  return changed;
}

// The columns of a new item: its content, and what is set once, when it is first stored.
function newItemParams(sourceId: string, k: KeyedItem, opts: { deliverable: boolean; fetchedAtMs: number }) {
  return Object.assign(contentParams(sourceId, k), {
    kind: k.item.kind,
    guid: k.item.guid,
    published_at_ms: k.item.publishedAtMs,
    fetched_at_ms: opts.fetchedAtMs,
    deliverable: opts.deliverable ? 1 : 0,
  });
}

// The columns an item's content fills, the same for a new item and a revised one.
function contentParams(sourceId: string, k: KeyedItem) {
  return {
    source_id: sourceId,
    dedupe_key: k.key,
    title: k.item.title,
    summary: k.item.summary,
    text: k.item.text,
    url: k.item.url,
    canonical_url: k.canonicalUrl,
    author: k.item.author,
    extra_json: k.item.extra ? JSON.stringify(k.item.extra) : null,
    content_hash: k.contentHash,
  };
}

/** Returns the stored items with these ids, in id order. */
export function getItems(db: Db, ids: readonly number[]): Item[] {
  if (ids.length === 0) return [];
  return (statement(db, 'SELECT * FROM items WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id').all(JSON.stringify(ids)) as ItemRow[]).map(rowToItem);
}

/** Returns how many items are stored, in all or for one source. */
export function countItems(db: Db, sourceId?: string): number {
  const row = sourceId === undefined
    ? statement(db, 'SELECT count(*) AS n FROM items').get()
    : statement(db, 'SELECT count(*) AS n FROM items WHERE source_id = ?').get(sourceId);
  return (row as { n: number }).n;
}

/** Returns the publication times of a source's newest dated items, newest first, at most `limit`. */
export function recentPublishedTimes(db: Db, sourceId: string, limit: number): number[] {
  return (statement(db, `SELECT published_at_ms AS t FROM items WHERE source_id = ? AND published_at_ms IS NOT NULL
    ORDER BY published_at_ms DESC LIMIT ?`).all(sourceId, limit) as { t: number }[]).map((r) => r.t);
}
