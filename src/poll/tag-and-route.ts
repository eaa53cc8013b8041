/**
 * The tag stage of the poll: classify each new item, save its tags, write the deliveries the
 * relevant ones owe, and queue the ones whose linked page should be read in full. Runs inside the
 * transaction that stored the items, so an item is never stored untagged or unrouted.
 */
import { classifyStoredItem } from '../classify/classify-stored-item.js';
import { queueAlertEdits } from '../deliver/edit-alerts.js';
import { routeNewItems } from '../deliver/route-items.js';
import type { ClassifyResult, FullTextMode, Item, KeyedItem, Source } from '../domain.js';
import { selectForEnrichment } from '../enrich/select-for-enrichment.js';
import type { Knowledge } from '../knowledge/load-knowledge.js';
import type { Db } from '../store/db.js';
import { enqueueFullText } from '../store/fulltext-store.js';
import { getSource } from '../store/sources-store.js';
import { getItems, insertClassifiedItem, insertNewItems, itemBeforeInsert, listStoredKeys } from '../store/items-store.js';
import { insertTags, readItemBatch, readStoredTags, saveClassification, type StoredTags } from '../store/tags-store.js';

/** Rows read per transaction when re-tagging the whole store. */
export const RECLASSIFY_BATCH_ITEMS = 500;
/** Waiting pages beyond which new items are recorded as skipped (a backfill fetches them later). */
export const MAX_PENDING_FULL_TEXTS = 1_000;

/**
 * Tags new items (articles, concerns, relevance), writes the deliveries they owe, and queues the
 * ones whose linked page should be read in full (unless `fullText` is off); call inside the poll's transaction.
 */
export function tagAndRoute(db: Db, knowledge: Knowledge, items: Item[], nowMs: number, fullText = true): void {
  routeAndQueue(db, knowledge, items, tagItems(db, knowledge, items, nowMs), nowMs, fullText);
}

/**
 * Stores the items not seen before for this source, tagged, and routes them as tagAndRoute does;
 * returns them as stored. Each is classified before it is written, so its relevance goes in with
 * the row and its tags need no clearing; call inside the poll's transaction.
 */
export function storeAndTagNewItems(
  db: Db, knowledge: Knowledge, sourceId: string, keyed: readonly KeyedItem[], opts: { deliverable: boolean; fetchedAtMs: number }, nowMs: number, fullText = true,
): Item[] {
  const known = listStoredKeys(db, sourceId, keyed.map((k) => k.key));
  const source = getSource(db, sourceId);
  const items: Item[] = [];
  const results = new Map<number, ClassifyResult>();
  for (const k of keyed) {
    if (known.has(k.key)) continue;
    const draft = itemBeforeInsert(sourceId, k, opts);
    if (draft === null) {
      // Its text will not be stored exactly as parsed: store it first, then tag what was stored.
      const stored = insertNewItems(db, sourceId, [k], opts);
      for (const [id, result] of tagItems(db, knowledge, stored, nowMs)) results.set(id, result);
      items.push(...getItems(db, stored.map((i) => i.id)));
      continue;
    }
    const result = classifyOrExplain(draft, source, knowledge, k.key);
    const item = insertClassifiedItem(db, sourceId, k, opts, { relevant: result.relevant, score: result.score, classifiedAtMs: nowMs });
    if (item === null) continue;
    insertTags(db, item.id, result);
    results.set(item.id, result);
    items.push(item);
  }
  if (items.length > 0) routeAndQueue(db, knowledge, items, results, nowMs, fullText);
  return items;
}

// Writes the deliveries the tagged items owe and queues the pages to read in full.
function routeAndQueue(db: Db, knowledge: Knowledge, items: Item[], results: Map<number, ClassifyResult>, nowMs: number, fullText: boolean): void {
  routeNewItems(db, knowledge, items, results, nowMs);
  const modes = new Map<string, FullTextMode>();
  const modeOf = (sourceId: string): FullTextMode => {
    let mode = modes.get(sourceId);
    if (mode === undefined) modes.set(sourceId, (mode = getSource(db, sourceId)?.fullText ?? 'off'));
    return mode;
  };
  enqueueFullText(db, selectForEnrichment(items, results, modeOf, fullText), nowMs, MAX_PENDING_FULL_TEXTS);
}

/**
 * Tags changed items again, writes only deliveries they did not owe before (a delivery is unique
 * per channel, item and kind, so nothing is posted twice as new), and edits the alerts already
 * composed for them; runs inside the poll's transaction.
 */
export function retagAndEdit(db: Db, knowledge: Knowledge, items: Item[], nowMs: number, fullText = true): void {
  tagAndRoute(db, knowledge, items, nowMs, fullText);
  queueAlertEdits(db, knowledge.concerns, items.map((i) => i.id), nowMs);
}

/** Classifies items and saves their tags; returns each item's result by id. */
export function tagItems(db: Db, knowledge: Knowledge, items: readonly Item[], nowMs: number): Map<number, ClassifyResult> {
  const sources = new Map<string, Source | undefined>();
  const results = new Map<number, ClassifyResult>();
  for (const item of items) {
    if (!sources.has(item.sourceId)) sources.set(item.sourceId, getSource(db, item.sourceId));
    const result = classifyOrExplain(item, sources.get(item.sourceId), knowledge, item.id);
    saveClassification(db, item.id, result, nowMs);
    results.set(item.id, result);
  }
  return results;
}

function classifyOrExplain(item: Item, source: Source | undefined, knowledge: Knowledge, name: string | number): ClassifyResult {
  try {
    return classifyStoredItem(item, source, knowledge);
  } catch (cause) {
    throw new Error(`classify: item ${name}`, { cause });
  }
}

/** Re-tags every stored item in batches (one transaction each); returns how many items there were and how many changed. */
export function reclassifyStoredItems(db: Db, knowledge: Knowledge, nowMs: number, batchItems = RECLASSIFY_BATCH_ITEMS): { items: number; changed: number } {
  let items = 0;
  let changed = 0;
  let lastId = 0;
  const runBatch = db.transaction(() => {
    const batch = readItemBatch(db, lastId, batchItems);
    for (const { item: stored, classified, fullText } of batch) {
      // An enriched item is re-tagged from its page's text, as enrichment tagged it.
      const item = fullText !== null ? { ...stored, text: fullText } : stored;
      const before = classified ? fingerprint(readStoredTags(db, item.id)) : null;
      const result = classifyStoredItem(item, getSource(db, item.sourceId), knowledge);
      saveClassification(db, item.id, result, nowMs);
      if (before !== fingerprint(result)) changed++;
      lastId = item.id;
    }
    return batch.length;
  });
  for (let n = runBatch.immediate(); n > 0; n = runBatch.immediate()) items += n;
  return { items, changed };
}

function fingerprint(tags: StoredTags): string {
  return JSON.stringify([tags.relevant, [...tags.articles].sort(), [...tags.concerns].sort()]);
}
