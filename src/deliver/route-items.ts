/**
 * Routing: new item -> which subscriptions care -> which deliveries they are owed. Rules, in order:
 * (1) only deliverable items (not a source's first poll) that are relevant; signatures and
 * ratifications come from the treaty's own record and are always relevant; (2) a subscription's
 * filters must all match (articles by prefix: "28" matches "28.4"; concerns; source ids), each
 * filter matching any of its values, except that signatures and ratifications, which cite no
 * article and raise no concern, pass the article and concern filters; (3) an alert is owed, when the subscription has alerts on, for
 * high-priority items (official documents, signatures, ratifications, items from a `high` source)
 * and, for subscriptions in session mode while a session runs, for every matching item; (4) every
 * matching item is also owed to the digest, alerted or not, so a digest is the complete record of
 * its period. Alert posts are composed here, in the poll's transaction, so no alert can be lost
 * between storing an item and queueing its message.
 */
import type { ClassifyResult, Item, Source } from '../domain.js';
import type { ConcernRules } from '../knowledge/concern-rules.js';
import type { Db } from '../store/db.js';
import { attachDeliveries, insertDelivery, insertPost, loadItemDigestFacts, type DeliveryKind } from '../store/deliveries-store.js';
import { getSource } from '../store/sources-store.js';
import { listSubscriptions, type Subscription } from '../store/subscriptions-store.js';
import { buildAlert } from './build-alert.js';
import { currentSession } from './session-calendar.js';
import type { Knowledge } from '../knowledge/load-knowledge.js';

const HIGH_PRIORITY_KINDS = new Set(['document', 'signature', 'ratification']);
const ALWAYS_RELEVANT_KINDS = new Set(['signature', 'ratification']);

/** What routing needs to know about one item. */
export interface RoutableItem {
  kind: Item['kind'];
  sourceId: string;
  sourcePriority: Source['priority'];
  deliverable: boolean;
  relevant: boolean;
  articles: readonly string[];
  concerns: readonly string[];
}

/** Returns the deliveries one item owes one subscription (empty when none), pure. */
export function routeItem(item: RoutableItem, sub: Subscription, inSession: boolean): DeliveryKind[] {
  if (!item.deliverable || !(item.relevant || ALWAYS_RELEVANT_KINDS.has(item.kind))) return [];
  if (!matchesFilters(item, sub)) return [];
  const kinds: DeliveryKind[] = [];
  const highPriority = HIGH_PRIORITY_KINDS.has(item.kind) || item.sourcePriority === 'high';
  if (sub.alerts && (highPriority || (sub.sessionMode && inSession))) kinds.push('alert');
  kinds.push('digest');
  return kinds;
}

/** Returns whether an item passes every filter of a subscription. */
export function matchesFilters(item: Pick<RoutableItem, 'sourceId' | 'articles' | 'concerns'> & { kind?: string }, sub: Pick<Subscription, 'filterArticles' | 'filterConcerns' | 'filterSources'>): boolean {
  if (sub.filterSources.length > 0 && !sub.filterSources.includes(item.sourceId)) return false;
  if (item.kind !== undefined && ALWAYS_RELEVANT_KINDS.has(item.kind)) return true;
  if (sub.filterConcerns.length > 0 && !item.concerns.some((c) => sub.filterConcerns.includes(c))) return false;
  if (sub.filterArticles.length > 0 && !item.articles.some((a) => sub.filterArticles.some((f) => a === f || a.startsWith(f + '.')))) return false;
  return true;
}

/**
 * Writes the deliveries (and alert posts) that new items owe every subscription and returns how many
 * deliveries were written. Runs inside the caller's transaction (the one storing the items' tags).
 * With `alerts: false` (re-tagging after enrichment) only digest deliveries are written: an alert
 * goes out from the feed entry at once or not at all, and never twice.
 */
export function routeNewItems(
  db: Db,
  knowledge: Pick<Knowledge, 'calendar' | 'concerns'>,
  items: Item[],
  results: Map<number, ClassifyResult>,
  nowMs: number,
  opts: { alerts?: boolean } = {},
): number {
  const subs = listSubscriptions(db);
  if (subs.length === 0 || items.length === 0) return 0;
  const inSession = currentSession(nowMs, knowledge.calendar) !== undefined;
  const sources = new Map<string, Source | undefined>();
  let written = 0;
  for (const item of items) {
    const result = results.get(item.id);
    if (!sources.has(item.sourceId)) sources.set(item.sourceId, getSource(db, item.sourceId));
    const routable: RoutableItem = {
      kind: item.kind,
      sourceId: item.sourceId,
      sourcePriority: sources.get(item.sourceId)?.priority ?? 'normal',
      deliverable: item.deliverable,
      relevant: result?.relevant ?? item.relevant ?? false,
      articles: result?.articles ?? [],
      concerns: result?.concerns ?? [],
    };
    for (const sub of subs) {
      for (const kind of routeItem(routable, sub, inSession)) {
        if (kind === 'alert' && opts.alerts === false) continue;
        if (!insertDelivery(db, { subscriptionId: sub.id, itemId: item.id, kind, nowMs })) continue;
        written++;
        if (kind === 'alert') queueAlert(db, knowledge.concerns, sub, item.id, nowMs);
      }
    }
  }
  return written;
}

function queueAlert(db: Db, concerns: ConcernRules, sub: Subscription, itemId: number, nowMs: number): void {
  const [facts] = loadItemDigestFacts(db, [itemId]);
  if (!facts) return;
  const postId = insertPost(db, { subscriptionId: sub.id, kind: 'alert', message: buildAlert(facts, sub.digestTimeZone, concerns), nowMs });
  attachDeliveries(db, sub.id, 'alert', [itemId], postId);
}
