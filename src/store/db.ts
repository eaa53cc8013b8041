import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export type Db = Database.Database;

/** A database that cannot be opened or migrated; its message says `store: ...` and the fix. */
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** How long a writer waits for another connection's lock before failing. */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * Returns an open database at `path` (":memory:" allowed) with pragmas set and every migration
 * applied. The schema version is read before anything in the file changes (not even the journal
 * mode), so a file from a newer treatywatch, a corrupt one or one we cannot write is refused as it
 * was, with an error naming the file and the fix.
 */
export function openDatabase(path: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  if (path !== ':memory:') createFolder(path);
  let db: Db | null = null;
  try {
    db = new Database(path);
    const version = db.pragma('user_version', { simple: true }) as number;
    const known = Math.max(0, ...migrations.map((m) => m.version));
    if (version > known) {
      throw new StoreError(`store: ${path} has schema version ${version}, newer than this treatywatch knows (${known}); run the newer treatywatch, or restore a backup made for this one`);
    }
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Takes the write lock and gives it back: a read-only file or folder fails here, not mid-poll.
    db.exec('BEGIN IMMEDIATE; ROLLBACK');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, migrations);
    return db;
  } catch (cause) {
    db?.close();
    throw explainOpenError(path, cause);
  }
}

// SQLite's own codes say which of the operator's problems this is; each gets its fix.
function explainOpenError(path: string, cause: unknown): Error {
  const code = (cause as { code?: unknown }).code;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new StoreError(`store: ${path} is not a readable SQLite database (corrupt or another kind of file); restore it from a backup, or move it away and set TREATYWATCH_DB to start afresh`, { cause });
  }
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') {
    return new StoreError(`store: cannot open ${path} for writing (${String(code)}); give the bot's user write access to the file and its folder, or set TREATYWATCH_DB to a writable path`, { cause });
  }
  if (cause instanceof StoreError) return cause;
  return new StoreError(`store: open ${path}`, { cause });
}

function createFolder(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const reason = code === 'ENOTDIR' || code === 'EEXIST' ? 'a part of the path is a file' : (cause as Error).message;
    throw new StoreError(`store: cannot create the folder of ${path} (${reason}); set TREATYWATCH_DB to a path in a writable folder`, { cause });
  }
}

/** Applies, in order and each in its own transaction, the migrations newer than `PRAGMA user_version`. */
export function applyMigrations(db: Db, migrations: readonly Migration[]): number {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.version === sorted[i - 1]!.version) {
      throw new StoreError(`store: two migrations share version ${sorted[i]!.version}`);
    }
  }
  let applied = 0;
  for (const migration of sorted) {
    // Read inside the write transaction: another process starting at the same time may have applied it.
    const run = db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= migration.version) return false;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
      return true;
    });
    try {
      if (run.immediate()) applied++;
    } catch (cause) {
      throw new StoreError(`store: migration ${migration.version} (${migration.name})`, { cause });
    }
  }
  return applied;
}

/**
 * The page cache of the long-running bot's connection, in KiB. better-sqlite3 builds SQLite with
 * 16 MiB per connection, which a first poll of a large feed fills; pages beyond the cap are read
 * again from the operating system's file cache.
 */
export const BOT_PAGE_CACHE_KIB = 2_048;

/** Caps this connection's SQLite page cache at `kib` KiB. */
export function limitPageCache(db: Db, kib: number): void {
  db.pragma(`cache_size = -${Math.max(1, Math.floor(kib))}`);
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
