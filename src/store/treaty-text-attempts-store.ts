/** Records the background import's failed attempts per language, so a restart keeps the backoff and `status` can say why a text is missing. */
import { statement, type Db } from './db.js';

/** The failed attempts at a language's official text since it was last imported. */
export interface TreatyTextAttempt {
  language: string;
  source: string;
  failures: number;
  lastAttemptAtMs: number;
  nextAttemptAtMs: number;
  lastError: string;
  /** Validators of a refused document, so an unchanged one is not downloaded again. */
  etag: string | null;
  lastModified: string | null;
}

const COLUMNS = `language, source, failures, last_attempt_at_ms AS lastAttemptAtMs, next_attempt_at_ms AS nextAttemptAtMs,
  last_error AS lastError, etag, last_modified AS lastModified`;

/** Returns the failed attempts at a language's text, or undefined when there are none. */
export function findTreatyTextAttempt(db: Db, language: string): TreatyTextAttempt | undefined {
  return statement(db, `SELECT ${COLUMNS} FROM treaty_text_attempts WHERE language = ?`).get(language) as TreatyTextAttempt | undefined;
}

/** Records the latest failed attempt at a language's text (replacing the previous record). */
export function recordTreatyTextAttempt(db: Db, attempt: TreatyTextAttempt): void {
  statement(db, `
    INSERT INTO treaty_text_attempts (language, source, failures, last_attempt_at_ms, next_attempt_at_ms, last_error, etag, last_modified)
    VALUES (@language, @source, @failures, @lastAttemptAtMs, @nextAttemptAtMs, @lastError, @etag, @lastModified)
    ON CONFLICT (language) DO UPDATE SET source = excluded.source, failures = excluded.failures,
      last_attempt_at_ms = excluded.last_attempt_at_ms, next_attempt_at_ms = excluded.next_attempt_at_ms,
      last_error = excluded.last_error, etag = excluded.etag, last_modified = excluded.last_modified`).run(attempt);
}

/** Forgets the failed attempts at a language's text (it was imported). */
export function clearTreatyTextAttempt(db: Db, language: string): void {
  statement(db, 'DELETE FROM treaty_text_attempts WHERE language = ?').run(language);
}
