/** Reads the relevant items tagged with a concern, newest first, with the text to quote them from. */
import { statement, type Db } from './db.js';

/** A relevant item tagged with a concern, with its feed summary and, when enriched, its page text. */
export interface ConcernItem {
  itemId: number;
  title: string;
  url: string | null;
  sourceName: string;
  /** Publication time, else the time it was first seen. */
  dateMs: number;
  summary: string;
  /** The main text of its page, when enrichment stored one. */
  fullText: string | null;
}

/** Returns how many relevant items carry the concern. */
export function countConcernItems(db: Db, concern: string): number {
  return (statement(db, `SELECT count(*) AS n FROM item_concerns c JOIN items i ON i.id = c.item_id
    WHERE c.concern = ? AND COALESCE(i.relevant, 1) = 1`).get(concern) as { n: number }).n;
}

/** Returns the newest relevant items tagged with the concern. */
export function listRecentConcernItems(db: Db, concern: string, limit: number): ConcernItem[] {
  return statement(db, `
    SELECT i.id AS itemId, i.title AS title, i.url AS url, s.name AS sourceName,
      COALESCE(i.published_at_ms, i.fetched_at_ms) AS dateMs, i.summary AS summary,
      CASE WHEN f.status = 'done' THEN f.text END AS fullText
    FROM item_concerns c JOIN items i ON i.id = c.item_id JOIN sources s ON s.id = i.source_id
    LEFT JOIN item_full_texts f ON f.item_id = i.id
    WHERE c.concern = @concern AND COALESCE(i.relevant, 1) = 1
    ORDER BY dateMs DESC, i.id DESC LIMIT @limit`).all({ concern, limit }) as ConcernItem[];
}
