/**
 * Which new items get their linked page fetched. Rules, in order: (1) nothing when full text is
 * switched off globally or for the item's source; (2) only posts and documents with an http(s)
 * link (treaty-record entries have no article page); (3) relevant items, or every item of a
 * treaty-focused source (`fullText: "all"`), whose teasers often say too little to be found relevant.
 */
import type { ClassifyResult, FullTextMode, Item } from '../domain.js';

const ENRICHED_KINDS = new Set<Item['kind']>(['post', 'document']);

/** Returns the ids of the items to queue for enrichment, pure. */
export function selectForEnrichment(
  items: readonly Item[],
  results: ReadonlyMap<number, Pick<ClassifyResult, 'relevant'>>,
  modeOf: (sourceId: string) => FullTextMode,
  enabled: boolean,
): number[] {
  if (!enabled) return [];
  return items
    .filter((item) => {
      const mode = modeOf(item.sourceId);
      if (mode === 'off' || !ENRICHED_KINDS.has(item.kind)) return false;
      if (!/^https?:\/\//i.test(item.url ?? item.canonicalUrl ?? '')) return false;
      return mode === 'all' || (results.get(item.id)?.relevant ?? item.relevant ?? false);
    })
    .map((item) => item.id);
}
