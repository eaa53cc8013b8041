import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations, BOT_PAGE_CACHE_KIB, limitPageCache, openDatabase } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('openDatabase', () => {
  it('creates the file, sets WAL and foreign keys, and records the schema version', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-db-'));
    dirs.push(dir);
    const db = openDatabase(join(dir, 'nested', 'tw.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const latest = Math.max(...MIGRATIONS.map((m) => m.version));
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    db.close();
  });

  it('caps the page cache of a connection in KiB, leaving others at the default', () => {
    const db = openDatabase(':memory:');
    const other = openDatabase(':memory:');
    expect(db.pragma('cache_size', { simple: true })).toBe(-16_000);
    limitPageCache(db, BOT_PAGE_CACHE_KIB);
    expect(db.pragma('cache_size', { simple: true })).toBe(-BOT_PAGE_CACHE_KIB);
    expect(other.pragma('cache_size', { simple: true })).toBe(-16_000);
    db.close();
    other.close();
  });

  it('applies nothing the second time it opens the same file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-db-'));
    dirs.push(dir);
    openDatabase(join(dir, 'tw.db')).close();
    const db = openDatabase(join(dir, 'tw.db'));
    expect(applyMigrations(db, MIGRATIONS)).toBe(0);
    db.close();
  });

  it('rolls back a failing migration and leaves user_version where it was', () => {
    const db = openDatabase(':memory:', []);
    const broken = [
      { version: 1, name: 'ok', up: (d: typeof db) => d.exec('CREATE TABLE a (x)') },
      { version: 2, name: 'broken', up: (d: typeof db) => d.exec('CREATE TABLE b (x); CREATE TABLE a (y)') },
    ];
    expect(() => applyMigrations(db, broken)).toThrow(/migration 2 \(broken\)/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'b'").get()).toEqual({ n: 0 });
  });

  it('keeps the full-text index in step with relevant items', () => {
    const db = openDatabase(':memory:');
    db.prepare("INSERT INTO sources (id, name, publisher, kind, url, interval_ms, created_at_ms) VALUES ('s', 'S', 'P', 'feed', 'http://x', 1, 0)").run();
    const hits = (word: string) => db.prepare('SELECT rowid FROM items_fts WHERE items_fts MATCH ?').pluck().all(word);
    db.prepare("INSERT INTO items (source_id, dedupe_key, title, fetched_at_ms, content_hash) VALUES ('s', 'k', 'Cybercrime convention signed in Hanoi', 0, 'h')").run();
    db.prepare("INSERT INTO items (source_id, dedupe_key, title, fetched_at_ms, content_hash, relevant) VALUES ('s', 'j', 'Hanoi weather', 0, 'j', 0)").run();
    expect(hits('hanoi')).toHaveLength(0); // not classified yet
    db.prepare("UPDATE items SET relevant = 1 WHERE dedupe_key = 'k'").run();
    expect(hits('hanoi')).toHaveLength(1);
    db.prepare("UPDATE items SET title = 'Cybercrime convention signed in Vienna' WHERE dedupe_key = 'k'").run();
    expect([hits('hanoi'), hits('vienna')]).toEqual([[], [1]]);
    db.prepare("UPDATE items SET relevant = 0 WHERE dedupe_key = 'k'").run();
    expect(hits('vienna')).toHaveLength(0);
    db.prepare("UPDATE items SET relevant = 1 WHERE dedupe_key = 'k'").run();
    db.prepare('DELETE FROM items').run();
    expect(hits('vienna')).toHaveLength(0);
    expect(() => db.prepare("INSERT INTO items_fts (items_fts) VALUES ('integrity-check')").run()).not.toThrow();
  });
});

describe('openDatabase refusing a file it cannot use', () => {
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-db-'));
    dirs.push(dir);
    return dir;
  };

  it('names a corrupt file and the fix', () => {
    const path = join(tempDir(), 'tw.db');
    writeFileSync(path, Buffer.alloc(8192, 0x5a));
    expect(() => openDatabase(path)).toThrow(`store: ${path} is not a readable SQLite database (corrupt or another kind of file); restore it from a backup`);
  });

  it('refuses a file from a newer version before changing anything in it, journal mode included', () => {
    const path = join(tempDir(), 'tw.db');
    const newer = new Database(path);
    newer.pragma('journal_mode = DELETE');
    newer.exec('CREATE TABLE future (x)');
    newer.pragma('user_version = 999');
    newer.close();
    const before = readFileSync(path);
    expect(() => openDatabase(path)).toThrow(/schema version 999, newer than this treatywatch knows \(\d+\); run the newer treatywatch/);
    // Bytes 18-19 of the header are 1 for a rollback journal and 2 for WAL.
    expect(readFileSync(path)).toEqual(before);
    expect(before[18]).toBe(1);
  });

  it('names the file when a part of its path is a file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plain'), 'not a folder');
    const path = join(dir, 'plain', 'tw.db');
    expect(() => openDatabase(path)).toThrow(`store: cannot create the folder of ${path} (a part of the path is a file); set TREATYWATCH_DB`);
  });

  it('names the file when it cannot be opened for writing', () => {
    const dir = tempDir();
    expect(() => openDatabase(dir)).toThrow(`store: cannot open ${dir} for writing (SQLITE_CANTOPEN); give the bot's user write access`);
  });
});
