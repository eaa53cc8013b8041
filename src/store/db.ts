import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export type Db = Database.Database;

/** How long a writer waits for another connection's lock before failing. */
export const BUSY_TIMEOUT_MS = 5_000;

/** Returns an open database at `path` (":memory:" allowed) with pragmas set and every migration applied. */
export function openDatabase(path: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path);
  } catch (cause) {
    throw new Error(`store: open ${path}`, { cause });
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  applyMigrations(db, migrations);
  return db;
}

/** Applies, in order and each in its own transaction, the migrations newer than `PRAGMA user_version`. */
export function applyMigrations(db: Db, migrations: readonly Migration[]): number {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.version === sorted[i - 1]!.version) {
      throw new Error(`store: two migrations share version ${sorted[i]!.version}`);
    }
  }
  const current = db.pragma('user_version', { simple: true }) as number;
  let applied = 0;
  for (const migration of sorted) {
    if (migration.version <= current) continue;
    const run = db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    });
    try {
      run();
    } catch (cause) {
      throw new Error(`store: migration ${migration.version} (${migration.name})`, { cause });
    }
    applied++;
  }
  return applied;
}

const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

/** Returns the prepared statement for `sql` on this connection, preparing it only the first time. */
export function statement(db: Db, sql: string): Database.Statement {
  let cache = statementCache.get(db);
  if (!cache) statementCache.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}
