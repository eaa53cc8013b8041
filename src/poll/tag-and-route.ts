import type { Item } from '../domain.js';
import { routeNewItems } from '../deliver/route-items.js';
import type { Db } from '../store/db.js';
import { classifyAndSaveItems } from '../store/tags-store.js';

/** Tags new items (articles, concerns, relevance) and writes the deliveries they owe; runs inside the poll's transaction. */
export function tagAndRoute(db: Db, items: Item[], nowMs: number): void {
  const results = classifyAndSaveItems(db, items, nowMs);
  routeNewItems(db, items, results, nowMs);
}
