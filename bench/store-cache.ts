/**
 * The read bench's filled stores, kept between bench runs. Filling a million items through the
 * classifier and the store takes minutes, so a filled database is kept in `.bench-cache/` (ignored
 * by git) under a key made of the item count, the seed, the schema version and a hash of the code
 * that made it: the generator, the classifier with its knowledge files and their loader, and the store's
 * migrations and tag writes.
 * Any change to those makes a new key, and the store is filled again.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from '../src/store/db.js';
import { MIGRATIONS } from '../src/store/migrations/index.js';

/** A filled store: open, with how it was filled. */
export interface FilledStore {
  db: Db;
  path: string;
  relevant: number;
  /** How long the fill took when it ran (in an earlier bench run when `cached`). */
  fillMs: number;
  cached: boolean;
}

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
/** Code whose change makes a different store: this folder's generator, the classifier, its knowledge, the migrations. */
const KEYED = [here('./skewed-store.js'), here('./classify-worker.js'), here('./generate.js'), here('../src/classify/'), here('../src/knowledge/'), here('../src/store/migrations/'), here('../src/store/tags-store.js'), here('../../knowledge/')];

function hashCode(): string {
  const hash = createHash('sha256');
  const add = (path: string) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) add(join(path, name));
    else hash.update(path.slice(path.lastIndexOf('/') + 1)).update(readFileSync(path));
  };
  for (const path of KEYED) add(path);
  return hash.digest('hex').slice(0, 16);
}

/** Returns the cache folder (`.bench-cache/` beside `package.json`), or `TREATYWATCH_BENCH_CACHE` when set. */
export function benchCacheDir(): string {
  return process.env['TREATYWATCH_BENCH_CACHE'] ?? here('../../.bench-cache/');
}

/**
 * Opens the cached store of `items` items for `seed`, filling it first with `fill` when there is
 * none for the current code. The fill runs on a file of its own, renamed into place only once
 * complete, so an interrupted fill is never taken for a filled store.
 */
export async function openFilledStore(items: number, seed: number, fill: (db: Db) => Promise<number>): Promise<FilledStore> {
  const schema = Math.max(...MIGRATIONS.map((m) => m.version));
  const dir = benchCacheDir();
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `reads-${items}-seed${seed}-schema${schema}-${hashCode()}.db`);
  const facts = `${path}.json`;
  if (existsSync(path) && existsSync(facts)) {
    const { relevant, fillMs } = JSON.parse(readFileSync(facts, 'utf8')) as { relevant: number; fillMs: number };
    return { db: openDatabase(path), path, relevant, fillMs, cached: true };
  }
  // Older fills of the same size and seed are dropped: they belong to older code.
  for (const name of readdirSync(dir)) if (name.startsWith(`reads-${items}-seed${seed}-`)) rmSync(join(dir, name), { force: true });
  const partial = `${path}.partial`;
  const started = performance.now();
  const db = openDatabase(partial);
  // The file is thrown away if the fill fails, so it may skip syncing and use a large page cache.
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const relevant = await fill(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const fillMs = performance.now() - started;
  renameSync(partial, path);
  rmSync(`${partial}-wal`, { force: true });
  rmSync(`${partial}-shm`, { force: true });
  writeFileSync(facts, JSON.stringify({ items, seed, schema, relevant, fillMs: Math.round(fillMs) }));
  return { db: openDatabase(path), path, relevant, fillMs, cached: false };
}
