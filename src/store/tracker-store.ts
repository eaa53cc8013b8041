/**
 * The read-only queries of the tracker pages, feeds and weekly chart: counts per week, items by
 * article or concern (newest first), and the treaty actions from the UN Treaty Collection record.
 * An item's date is its publication time, else when we first saw it; unclassified items count as
 * relevant, as in the lookups.
 */
import { statement, type Db } from './db.js';

const DATE = 'COALESCE(i.published_at_ms, i.fetched_at_ms)';

/** A count of relevant items for one key (an article number or a concern id) in one week of a window. */
export interface WeekCount<K> {
  key: K;
  /** 0 for the window's first week. */
  week: number;
  count: number;
}

/** A window of whole weeks: its first instant and the length of a week. */
export interface WeekWindow {
  startMs: number;
  weeks: number;
  weekMs: number;
}

/** An item citing an article, with the sentence that cites it (the first one in the item). */
export interface QuotedItem {
  itemId: number;
  title: string;
  url: string | null;
  sourceName: string;
  dateMs: number;
  ref: string;
  sentence: string;
}

/** One signature or consent to be bound, from the treaty record. */
export interface TreatyAction {
  participant: string;
  kind: 'signature' | 'ratification';
  /** The record's word: signature, ratification, acceptance, approval, accession. */
  action: string;
  /** YYYY-MM-DD, as the record gives it. */
  date: string;
}

/** Returns, per article, how many relevant items cite it in each week of the window. */
export function countArticleMentionsByWeek(db: Db, window: WeekWindow): WeekCount<number>[] {
  return statement(db, `
    SELECT ia.article AS key, CAST((${DATE} - @startMs) / @weekMs AS INTEGER) AS week, COUNT(DISTINCT i.id) AS count
    FROM items i JOIN item_articles ia ON ia.item_id = i.id
    WHERE ${DATE} >= @startMs AND ${DATE} < @endMs AND COALESCE(i.relevant, 1) = 1
    GROUP BY ia.article, week`).all(windowParams(window)) as WeekCount<number>[];
}

/** Returns, per concern, how many relevant items raise it in each week of the window. */
export function countConcernMentionsByWeek(db: Db, window: WeekWindow): WeekCount<string>[] {
  return statement(db, `
    SELECT c.concern AS key, CAST((${DATE} - @startMs) / @weekMs AS INTEGER) AS week, COUNT(*) AS count
    FROM items i JOIN item_concerns c ON c.item_id = i.id
    WHERE ${DATE} >= @startMs AND ${DATE} < @endMs AND COALESCE(i.relevant, 1) = 1
    GROUP BY c.concern, week`).all(windowParams(window)) as WeekCount<string>[];
}

/**
 * Returns the newest relevant items citing the article (or the ref and the provisions under it),
 * dated in [fromMs, toMs), each with the sentence of its closest citation.
 */
export function listQuotedItemsForArticle(
  db: Db,
  q: { article: number; ref: string; fromMs?: number; toMs?: number; limit: number },
): QuotedItem[] {
  const params = { article: q.article, ref: q.ref, prefix: `${q.ref}.%`, fromMs: q.fromMs ?? -1, toMs: q.toMs ?? Number.MAX_SAFE_INTEGER, limit: q.limit };
  // The citation closest to the asked ref wins: the ref itself, then the shortest one under it.
  return statement(db, `
    SELECT i.id AS itemId, i.title AS title, i.url AS url, s.name AS sourceName, ${DATE} AS dateMs, ia.ref AS ref, ia.sentence AS sentence
    FROM items i JOIN sources s ON s.id = i.source_id
    JOIN item_articles ia ON ia.rowid = (
      SELECT x.rowid FROM item_articles x
      WHERE x.item_id = i.id AND x.article = @article AND (x.ref = @ref OR x.ref LIKE @prefix OR @ref = CAST(@article AS TEXT))
      ORDER BY x.ref = @ref DESC, length(x.ref), x.ref LIMIT 1)
    WHERE i.id IN (SELECT item_id FROM item_articles WHERE article = @article)
      AND ${DATE} >= @fromMs AND ${DATE} < @toMs AND COALESCE(i.relevant, 1) = 1
    ORDER BY ${DATE} DESC, i.id DESC LIMIT @limit`).all(params) as QuotedItem[];
}

/** Returns the ids of the newest relevant items, all of them or those tagged with a ref (and what is under it) or a concern. */
export function listNewestItemIds(db: Db, filter: { ref?: string; concern?: string }, limit: number): number[] {
  let where = '';
  const params: Record<string, unknown> = { limit };
  if (filter.ref !== undefined) {
    where = 'AND i.id IN (SELECT item_id FROM item_articles WHERE article = @article AND (ref = @ref OR ref LIKE @prefix))';
    Object.assign(params, { article: Number.parseInt(filter.ref, 10), ref: filter.ref, prefix: `${filter.ref}.%` });
  } else if (filter.concern !== undefined) {
    where = 'AND i.id IN (SELECT item_id FROM item_concerns WHERE concern = @concern)';
    params['concern'] = filter.concern;
  }
  return (statement(db, `SELECT i.id FROM items i WHERE COALESCE(i.relevant, 1) = 1 ${where}
    ORDER BY ${DATE} DESC, i.id DESC LIMIT @limit`).all(params) as { id: number }[]).map((r) => r.id);
}

/** Returns the treaty record's signatures and consents to be bound, one per participant and kind, by date. */
export function listTreatyActions(db: Db): TreatyAction[] {
  const rows = statement(db, `SELECT i.kind, i.extra_json FROM items i JOIN sources s ON s.id = i.source_id
    WHERE s.kind = 'treaty-status' AND i.kind IN ('signature', 'ratification') ORDER BY i.id`).all() as { kind: TreatyAction['kind']; extra_json: string | null }[];
  const acts = new Map<string, TreatyAction>();
  for (const r of rows) {
    const extra = (r.extra_json ? JSON.parse(r.extra_json) : {}) as Record<string, unknown>;
    const participant = String(extra['participant'] ?? '');
    if (participant === '') continue;
    // The same participant can come from two status sources; each act counts once.
    acts.set(`${r.kind}:${participant}`, { participant, kind: r.kind, action: String(extra['action'] ?? r.kind), date: String(extra['date'] ?? '') });
  }
  return [...acts.values()].sort((a, b) => a.date.localeCompare(b.date) || a.participant.localeCompare(b.participant));
}

/** Returns when the treaty record was last read successfully, or null when it never was. */
export function findTreatyRecordReadAt(db: Db): number | null {
  const row = statement(db, `SELECT MAX(last_success_at_ms) AS at FROM sources WHERE kind = 'treaty-status' AND enabled = 1`).get() as { at: number | null };
  return row.at;
}

function windowParams(w: WeekWindow) {
  return { startMs: w.startMs, weekMs: w.weekMs, endMs: w.startMs + w.weeks * w.weekMs };
}
