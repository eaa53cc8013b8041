/**
 * Items that are about the treaty because of where they come from: every entry of a treaty-status
 * record (a state signed, ratified, acceded...) and the official documents listed on UNODC's own
 * convention pages. Their titles need not name the convention ("Canada signed the Convention on
 * 2 Jun 2026"), so the text rules do not get to drop them.
 */
import type { ClassifyResult } from '../domain.js';

/** The publisher whose document listings are the treaty's official record. */
export const OFFICIAL_PUBLISHER = 'UNODC';

/** Returns whether an item is relevant by construction, whatever its text says. */
export function isRelevantByOrigin(item: { kind: string }, source: { kind: string; publisher: string } | undefined): boolean {
  if (!source) return false;
  if (source.kind === 'treaty-status') return true;
  return item.kind === 'document' && source.publisher === OFFICIAL_PUBLISHER;
}

/** Returns the result with relevance forced on (score at least 1) for an item relevant by construction. */
export function applyOriginRelevance(result: ClassifyResult, relevantByOrigin: boolean): ClassifyResult {
  return relevantByOrigin ? { ...result, relevant: true, score: Math.max(result.score, 1) } : result;
}
