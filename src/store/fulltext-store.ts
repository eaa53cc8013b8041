/**
 * The enrichment queue and the full text of item pages (table `item_full_texts`). A row is the
 * queue entry until its text is stored: `pending` rows wait for `next_attempt_at_ms`; `done` rows
 * hold the text; `failed` rows keep the reason and are left alone; `skipped` rows were not fetched
 * (the queue was full) and wait for a backfill.
 */
import { statement, type Db } from './db.js';
import { SEARCH_RANKED_MATCHES, type ItemMatch } from './treaty-store.js';

export type FullTextStatus = 'pending' | 'done' | 'failed' | 'skipped';

/** A queued item with what the worker needs to fetch its page. */
export interface FullTextJob {
  itemId: number;
  url: string;
  sourceId: string;
  /** True when the item's source was added from chat: its links go through the SSRF guard. */
  untrusted: boolean;
  attempts: number;
}

/** An item's full-text row as stored. */
export interface StoredFullText {
  itemId: number;
  status: FullTextStatus;
  attempts: number;
  nextAttemptAtMs: number;
  error: string | null;
  title: string;
  text: string;
  finalUrl: string | null;
  contentType: string | null;
  extractedAtMs: number | null;
}

/**
 * Queues items for enrichment (items already queued are left as they are); beyond `maxPending`
 * waiting rows, new ones are recorded as `skipped`. Returns how many were queued as pending.
 */
export function enqueueFullText(db: Db, itemIds: readonly number[], nowMs: number, maxPending: number): number {
  const insert = statement(db, `INSERT INTO item_full_texts (item_id, status, next_attempt_at_ms, queued_at_ms, error)
    VALUES (@itemId, @status, @nowMs, @nowMs, @error) ON CONFLICT (item_id) DO NOTHING`);
  let pending = countFullTexts(db, 'pending');
  let queued = 0;
  for (const itemId of itemIds) {
    const full = pending >= maxPending;
    const changes = insert.run({ itemId, nowMs, status: full ? 'skipped' : 'pending', error: full ? 'the enrichment queue was full; `treatywatch enrich` fetches it later' : null }).changes;
    if (changes > 0 && !full) {
      pending++;
      queued++;
    }
  }
  return queued;
}

/** Puts stored items back in the queue for a backfill: new rows, and skipped or failed ones, as pending now. Returns how many. */
export function requeueFullText(db: Db, itemIds: readonly number[], nowMs: number): number {
  const upsert = statement(db, `INSERT INTO item_full_texts (item_id, status, next_attempt_at_ms, queued_at_ms)
    VALUES (@itemId, 'pending', @nowMs, @nowMs)
    ON CONFLICT (item_id) DO UPDATE SET status = 'pending', attempts = 0, next_attempt_at_ms = @nowMs, error = NULL
    WHERE item_full_texts.status IN ('skipped', 'failed')`);
  let changed = 0;
  for (const itemId of itemIds) changed += upsert.run({ itemId, nowMs }).changes;
  return changed;
}

/** Returns up to `limit` pending jobs due at `nowMs`, oldest first, leaving out the ids in `busy`. */
export function listDueFullTextJobs(db: Db, nowMs: number, limit: number, busy: ReadonlySet<number> = new Set()): FullTextJob[] {
  const rows = statement(db, `
    SELECT f.item_id AS itemId, COALESCE(i.url, i.canonical_url) AS url, i.source_id AS sourceId, s.origin = 'user' AS untrusted, f.attempts AS attempts
    FROM item_full_texts f JOIN items i ON i.id = f.item_id JOIN sources s ON s.id = i.source_id
    WHERE f.status = 'pending' AND f.next_attempt_at_ms <= @nowMs
      AND f.item_id NOT IN (SELECT value FROM json_each(@busy))
    ORDER BY f.next_attempt_at_ms, f.item_id LIMIT @limit`).all({ nowMs, limit, busy: JSON.stringify([...busy]) }) as (Omit<FullTextJob, 'untrusted'> & { untrusted: number })[];
  return rows.map((r) => ({ ...r, untrusted: r.untrusted === 1 }));
}

/** Returns how many pending jobs are due at `nowMs`. */
export function countDueFullTexts(db: Db, nowMs: number): number {
  return (statement(db, `SELECT count(*) AS n FROM item_full_texts WHERE status = 'pending' AND next_attempt_at_ms <= ?`).get(nowMs) as { n: number }).n;
}

/** Returns when the next pending job is due, or null when none is waiting. */
export function nextFullTextDueAt(db: Db): number | null {
  const row = statement(db, `SELECT min(next_attempt_at_ms) AS at FROM item_full_texts WHERE status = 'pending'`).get() as { at: number | null };
  return row.at;
}

/** Stores the extracted text of a page; returns false when the row was not pending (already done elsewhere). */
export function saveFullText(db: Db, itemId: number, page: { title: string; text: string; finalUrl: string; contentType: string | null }, nowMs: number): boolean {
  return statement(db, `UPDATE item_full_texts SET status = 'done', attempts = attempts + 1, error = NULL, title = @title, text = @text,
      final_url = @finalUrl, content_type = @contentType, extracted_at_ms = @nowMs
    WHERE item_id = @itemId AND status = 'pending'`).run({ itemId, ...page, nowMs }).changes > 0;
}

/** Records a failed attempt: retried at `nextAttemptAtMs`, or, when that is null, left alone for good. */
export function recordFullTextFailure(db: Db, itemId: number, error: string, nextAttemptAtMs: number | null, nowMs: number): void {
  statement(db, `UPDATE item_full_texts SET attempts = attempts + 1, error = @error,
      status = CASE WHEN @next IS NULL THEN 'failed' ELSE 'pending' END, next_attempt_at_ms = COALESCE(@next, next_attempt_at_ms),
      extracted_at_ms = CASE WHEN @next IS NULL THEN @nowMs ELSE extracted_at_ms END
    WHERE item_id = @itemId AND status = 'pending'`).run({ itemId, error, next: nextAttemptAtMs, nowMs });
}

/** Moves a pending job to a later time without counting an attempt (host busy, 429 on another item). */
export function postponeFullText(db: Db, itemId: number, nextAttemptAtMs: number): void {
  statement(db, `UPDATE item_full_texts SET next_attempt_at_ms = max(next_attempt_at_ms, ?) WHERE item_id = ? AND status = 'pending'`).run(nextAttemptAtMs, itemId);
}

/** Returns an item's full-text row, or undefined when it was never queued. */
export function getFullText(db: Db, itemId: number): StoredFullText | undefined {
  const row = statement(db, `SELECT item_id AS itemId, status, attempts, next_attempt_at_ms AS nextAttemptAtMs, error, title, text,
      final_url AS finalUrl, content_type AS contentType, extracted_at_ms AS extractedAtMs FROM item_full_texts WHERE item_id = ?`).get(itemId);
  return row as StoredFullText | undefined;
}

/** Returns the stored text of an item when it has been enriched, else null. */
export function getEnrichedText(db: Db, itemId: number): string | null {
  const row = statement(db, `SELECT text FROM item_full_texts WHERE item_id = ? AND status = 'done'`).get(itemId) as { text: string } | undefined;
  return row?.text ?? null;
}

/** Returns how many rows have this status (all rows when omitted). */
export function countFullTexts(db: Db, status?: FullTextStatus): number {
  const row = status === undefined
    ? statement(db, 'SELECT count(*) AS n FROM item_full_texts').get()
    : statement(db, 'SELECT count(*) AS n FROM item_full_texts WHERE status = ?').get(status);
  return (row as { n: number }).n;
}

/**
 * Returns the ids of stored items dated at or after `sinceMs` that a backfill should enrich:
 * posts and documents with a link, from sources whose full text is not off, relevant (or from an
 * `all` source), not yet done or pending. Oldest first.
 */
export function listBackfillItemIds(db: Db, sinceMs: number): number[] {
  return (statement(db, `
    SELECT i.id FROM items i JOIN sources s ON s.id = i.source_id
    LEFT JOIN item_full_texts f ON f.item_id = i.id
    WHERE COALESCE(i.published_at_ms, i.fetched_at_ms) >= @sinceMs
      AND i.kind IN ('post', 'document') AND COALESCE(i.url, i.canonical_url) IS NOT NULL
      AND s.full_text != 'off' AND (s.full_text = 'all' OR i.relevant = 1)
      AND (f.item_id IS NULL OR f.status IN ('skipped', 'failed'))
    ORDER BY COALESCE(i.published_at_ms, i.fetched_at_ms), i.id`).all({ sinceMs }) as { id: number }[]).map((r) => r.id);
}

/** One full-text match: the item and a snippet around the match, with its bm25 rank (lower is better). */
export interface FullTextMatch extends ItemMatch {
  rank: number;
}

/**
 * Runs a prepared FTS5 query over the enriched text of relevant items; returns matches best first
 * (bm25). As for items, only the newest SEARCH_RANKED_MATCHES matching pages are scored (the rowid
 * is the item's id, which grows with insertion), so a very common word's work stays bounded.
 */
export function searchFullTexts(db: Db, ftsQuery: string, limit: number): FullTextMatch[] {
  const top = statement(db, `
    SELECT i.id AS itemId, i.title AS title, i.url AS url, s.name AS sourceName, i.published_at_ms AS publishedAtMs, top.rank AS rank
    FROM (SELECT rowid, bm25(item_full_texts_fts) AS rank FROM item_full_texts_fts
          WHERE item_full_texts_fts MATCH @q ORDER BY rowid DESC LIMIT @cap) AS top
    JOIN items i ON i.id = top.rowid JOIN sources s ON s.id = i.source_id
    WHERE COALESCE(i.relevant, 1) = 1
    ORDER BY top.rank LIMIT @limit`).all({ q: ftsQuery, cap: SEARCH_RANKED_MATCHES, limit }) as Omit<FullTextMatch, 'snippet'>[];
  const snippet = statement(db, `SELECT snippet(item_full_texts_fts, 0, '', '', '…', 24) FROM item_full_texts_fts WHERE item_full_texts_fts MATCH @q AND rowid = @id`).pluck();
  return top.map((m) => ({ ...m, snippet: (snippet.get({ q: ftsQuery, id: m.itemId }) as string | undefined) ?? '' }));
}
