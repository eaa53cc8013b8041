import type { FullTextMode, Item } from '../domain.js';
import { queueAlertEdits } from '../deliver/edit-alerts.js';
import { routeNewItems } from '../deliver/route-items.js';
import { selectForEnrichment } from '../enrich/select-for-enrichment.js';
import type { Db } from '../store/db.js';
import { enqueueFullText } from '../store/fulltext-store.js';
import { getSource } from '../store/sources-store.js';
import { classifyAndSaveItems } from '../store/tags-store.js';

/** Waiting pages beyond which new items are recorded as skipped (a backfill fetches them later). */
export const MAX_PENDING_FULL_TEXTS = 1_000;

/**
 * Tags new items (articles, concerns, relevance), writes the deliveries they owe, and queues the
 * ones whose linked page should be read in full (unless `fullText` is off); runs inside the poll's transaction.
 */
export function tagAndRoute(db: Db, items: Item[], nowMs: number, fullText = true): void {
  const results = classifyAndSaveItems(db, items, nowMs);
  routeNewItems(db, items, results, nowMs);
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
export function retagAndEdit(db: Db, items: Item[], nowMs: number, fullText = true): void {
  tagAndRoute(db, items, nowMs, fullText);
  queueAlertEdits(db, items.map((i) => i.id), nowMs);
}
