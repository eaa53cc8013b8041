import type { FullTextMode, PageSelectors, Source, SourceConfig, SourceOrigin } from '../domain.js';
import { statement, type Db } from './db.js';

/** A `sources` row as SQLite returns it. */
export interface SourceRow {
  id: string;
  name: string;
  publisher: string;
  kind: Source['kind'];
  url: string;
  selectors_json: string | null;
  interval_ms: number;
  priority: Source['priority'];
  session_critical: number;
  origin: SourceOrigin;
  enabled: number;
  etag: string | null;
  last_modified: string | null;
  next_check_at_ms: number;
  last_checked_at_ms: number | null;
  last_success_at_ms: number | null;
  last_new_at_ms: number | null;
  first_polled_at_ms: number | null;
  last_status: string | null;
  last_http_status: number | null;
  error_count: number;
  last_error: string | null;
  last_error_at_ms: number | null;
  created_at_ms: number;
  full_text: FullTextMode | null;
}

/** Returns a stored row as a Source. */
export function rowToSource(row: SourceRow): Source {
  return {
    id: row.id,
    name: row.name,
    publisher: row.publisher,
    kind: row.kind,
    url: row.url,
    selectors: row.selectors_json ? (JSON.parse(row.selectors_json) as PageSelectors) : null,
    intervalMs: row.interval_ms,
    priority: row.priority,
    sessionCritical: row.session_critical === 1,
    origin: row.origin,
    enabled: row.enabled === 1,
    etag: row.etag,
    lastModified: row.last_modified,
    nextCheckAtMs: row.next_check_at_ms,
    lastCheckedAtMs: row.last_checked_at_ms,
    lastSuccessAtMs: row.last_success_at_ms,
    lastNewAtMs: row.last_new_at_ms,
    firstPolledAtMs: row.first_polled_at_ms,
    lastStatus: row.last_status,
    lastHttpStatus: row.last_http_status,
    errorCount: row.error_count,
    lastError: row.last_error,
    lastErrorAtMs: row.last_error_at_ms,
    createdAtMs: row.created_at_ms,
    fullText: row.full_text ?? 'relevant',
  };
}

function configParams(config: SourceConfig) {
  return {
    id: config.id,
    name: config.name,
    publisher: config.publisher,
    kind: config.kind,
    url: config.url,
    selectors_json: config.selectors ? JSON.stringify(config.selectors) : null,
    interval_ms: config.intervalMs ?? 30 * 60_000,
    priority: config.priority ?? 'normal',
    session_critical: config.sessionCritical ? 1 : 0,
    full_text: config.fullText ?? 'relevant',
  };
}

/**
 * Makes the stored configured sources match `configs`: new ones inserted, changed ones updated
 * (fetch state kept; validators dropped when the URL changed), configured ones no longer listed
 * disabled. Sources added from chat are left alone. Returns the number of rows changed.
 */
export function syncConfiguredSources(db: Db, configs: readonly SourceConfig[], origin: 'builtin' | 'operator', nowMs: number): number {
  const upsert = statement(db, `
    INSERT INTO sources (id, name, publisher, kind, url, selectors_json, interval_ms, priority, session_critical, full_text, origin, enabled, created_at_ms)
    VALUES (@id, @name, @publisher, @kind, @url, @selectors_json, @interval_ms, @priority, @session_critical, @full_text, @origin, 1, @now)
    ON CONFLICT (id) DO UPDATE SET
      name = excluded.name, publisher = excluded.publisher, kind = excluded.kind,
      etag = CASE WHEN sources.url = excluded.url THEN sources.etag END,
      last_modified = CASE WHEN sources.url = excluded.url THEN sources.last_modified END,
      url = excluded.url, selectors_json = excluded.selectors_json, interval_ms = excluded.interval_ms,
      priority = excluded.priority, session_critical = excluded.session_critical, full_text = excluded.full_text,
      origin = excluded.origin, enabled = 1
    WHERE sources.origin != 'user'`);
  const disable = statement(db, `UPDATE sources SET enabled = 0 WHERE origin != 'user' AND enabled = 1 AND id NOT IN (SELECT value FROM json_each(?))`);
  return db.transaction(() => {
    let changed = 0;
    for (const config of configs) changed += upsert.run({ ...configParams(config), origin, now: nowMs }).changes;
    changed += disable.run(JSON.stringify(configs.map((c) => c.id))).changes;
    return changed;
  }).immediate();
}

/** Returns every stored source, enabled first, by id. */
export function listSources(db: Db): Source[] {
  return (statement(db, 'SELECT * FROM sources ORDER BY enabled DESC, id').all() as SourceRow[]).map(rowToSource);
}

/** Returns one source, or undefined. */
export function getSource(db: Db, id: string): Source | undefined {
  const row = statement(db, 'SELECT * FROM sources WHERE id = ?').get(id) as SourceRow | undefined;
  return row ? rowToSource(row) : undefined;
}

/** Returns the enabled sources whose next check is due at `nowMs`, the most overdue first. */
export function dueSources(db: Db, nowMs: number): Source[] {
  return (statement(db, 'SELECT * FROM sources WHERE enabled = 1 AND next_check_at_ms <= ? ORDER BY next_check_at_ms, id').all(nowMs) as SourceRow[]).map(rowToSource);
}

/** Returns the enabled sources, leaving out failing ones still inside their backoff (for a forced poll). */
export function enabledSources(db: Db, nowMs: number): Source[] {
  return (statement(db, 'SELECT * FROM sources WHERE enabled = 1 AND (error_count = 0 OR next_check_at_ms <= ?) ORDER BY id').all(nowMs) as SourceRow[]).map(rowToSource);
}

/** Inserts a source (an admin's from chat, or a test's); throws when the id is taken. Returns it. */
export function insertSource(db: Db, config: SourceConfig, origin: SourceOrigin, nowMs: number): Source {
  try {
    statement(db, `
      INSERT INTO sources (id, name, publisher, kind, url, selectors_json, interval_ms, priority, session_critical, full_text, origin, enabled, created_at_ms)
      VALUES (@id, @name, @publisher, @kind, @url, @selectors_json, @interval_ms, @priority, @session_critical, @full_text, @origin, 1, @now)`).run({ ...configParams(config), origin, now: nowMs });
  } catch (cause) {
    throw new Error(`store: insert source ${config.id}`, { cause });
  }
  return getSource(db, config.id)!;
}

/** Removes a source and its items; returns false when there was none. */
export function removeSource(db: Db, id: string): boolean {
  return statement(db, 'DELETE FROM sources WHERE id = ?').run(id).changes > 0;
}

/** Records a fetch that worked (new items or not, or 304) and schedules the next check. */
export function recordFetchSuccess(db: Db, id: string, r: {
  nowMs: number; nextCheckAtMs: number; httpStatus: number; status: string; newItems: number;
  etag: string | null; lastModified: string | null;
}): void {
  statement(db, `
    UPDATE sources SET
      etag = @etag, last_modified = @last_modified, next_check_at_ms = @next,
      last_checked_at_ms = @now, last_success_at_ms = @now,
      last_new_at_ms = CASE WHEN @new > 0 THEN @now ELSE last_new_at_ms END,
      first_polled_at_ms = COALESCE(first_polled_at_ms, @now),
      last_status = @status, last_http_status = @http, error_count = 0
    WHERE id = @id`).run({
    id, etag: r.etag, last_modified: r.lastModified, next: r.nextCheckAtMs, now: r.nowMs,
    new: r.newItems, status: r.status, http: r.httpStatus,
  });
}

/** Records a failed fetch or parse: one more error in a row, the message, and the backoff. */
export function recordFetchFailure(db: Db, id: string, r: { nowMs: number; nextCheckAtMs: number; httpStatus: number | null; error: string }): void {
  statement(db, `
    UPDATE sources SET next_check_at_ms = @next, last_checked_at_ms = @now, last_status = 'error',
      last_http_status = @http, error_count = error_count + 1, last_error = @error, last_error_at_ms = @now
    WHERE id = @id`).run({ id, next: r.nextCheckAtMs, now: r.nowMs, http: r.httpStatus, error: r.error });
}
