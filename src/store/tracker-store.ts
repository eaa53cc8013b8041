/**
 * The read-only queries of the tracker pages, feeds and weekly chart: counts per week, and items by
 * article or concern (newest first).
 * An item's date is its publication time, else when we first saw it; unclassified items count as
 * relevant, as in the lookups.
 */
import { statement, type Db } from './db.js';
import { COUNT_WEEK_MS, COUNT_WEEK_OFFSET_MS } from './migrations/210-article-week-counts.js';

export { COUNT_WEEK_MS, COUNT_WEEK_OFFSET_MS };

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

/**
 * Returns, per article, how many relevant items cite it in each week of the window. A window of
 * Monday-based weeks reads the counts the tag triggers keep (migration 210); any other window
 * groups the tagged items.
 */
export function countArticleMentionsByWeek(db: Db, window: WeekWindow): WeekCount<number>[] {
  const shifted = window.startMs - COUNT_WEEK_OFFSET_MS;
  if (window.weekMs === COUNT_WEEK_MS && shifted % COUNT_WEEK_MS === 0) {
    const firstWeek = Math.floor(shifted / COUNT_WEEK_MS);
    return statement(db, `
      SELECT article AS key, week - @firstWeek AS week, items AS count FROM article_week_counts
      WHERE week >= @firstWeek AND week < @firstWeek + @weeks AND items > 0`).all({ firstWeek, weeks: window.weeks }) as WeekCount<number>[];
  }
  return groupArticleMentionsByWeek(db, window);
}

/** Returns what countArticleMentionsByWeek does, by grouping every tagged item dated in the window. */
export function groupArticleMentionsByWeek(db: Db, window: WeekWindow): WeekCount<number>[] {
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

function windowParams(w: WeekWindow) {
  return { startMs: w.startMs, weekMs: w.weekMs, endMs: w.startMs + w.weeks * w.weekMs };
}
