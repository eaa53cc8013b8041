import type { KeyedItem, Mention, SourceConfig } from '../../src/domain.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { insertNewItems } from '../../src/store/items-store.js';
import { insertSource } from '../../src/store/sources-store.js';
import { saveClassification } from '../../src/store/tags-store.js';

/** Returns a fresh in-memory store (every migration applied) with feed sources `eff` and `ahc`. */
export function seedStore(extraSources: Partial<SourceConfig>[] = []): Db {
  const db = openDatabase(':memory:');
  for (const id of ['eff', 'ahc']) insertSource(db, { id, name: id.toUpperCase(), publisher: id, kind: 'feed', url: `http://127.0.0.1/${id}.xml` }, 'operator', 0);
  for (const s of extraSources) insertSource(db, { name: s.id!, publisher: s.id!, kind: 'feed', url: `http://127.0.0.1/${s.id}.xml`, ...s } as SourceConfig, 'operator', 0);
  return db;
}

/** Stores one item and returns its id. */
export function addItem(
  db: Db,
  sourceId: string,
  key: string,
  opts: { publishedAtMs?: number | null; fetchedAtMs?: number; title?: string; summary?: string; text?: string; kind?: string; extra?: Record<string, unknown> } = {},
): number {
  const keyed: KeyedItem = {
    item: {
      guid: key, url: `https://example.org/${key}`, title: opts.title ?? `Title ${key}`, summary: opts.summary ?? '', text: opts.text ?? '', author: null,
      publishedAtMs: opts.publishedAtMs ?? null, kind: (opts.kind ?? 'post') as KeyedItem['item']['kind'], ...(opts.extra ? { extra: opts.extra } : {}),
    },
    key, canonicalUrl: `https://example.org/${key}`, contentHash: `h-${key}`,
  };
  const [item] = insertNewItems(db, sourceId, [keyed], { deliverable: true, fetchedAtMs: opts.fetchedAtMs ?? 1 });
  if (!item) throw new Error(`test: item ${key} was not stored`);
  return item.id;
}

/** Saves tags for an item: relevant unless told, with the given refs (each cited in "Article <ref> ..."). */
export function tagItem(db: Db, itemId: number, tags: { articles?: string[]; concerns?: string[]; relevant?: boolean }, nowMs = 1): void {
  const articles = tags.articles ?? [];
  const mentions: Mention[] = articles.map((ref) => ({ raw: `Article ${ref}`, ref, cited_as: ref, version: 'final', sentence: `Article ${ref} is cited here.` }));
  saveClassification(db, itemId, { relevant: tags.relevant ?? true, score: 0.9, articles, concerns: tags.concerns ?? [], mentions }, nowMs);
}
