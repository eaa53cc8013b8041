/**
 * The classifier applied to a stored item: its title, summary and text joined without repeats, its
 * source as the publisher, and relevance forced on when its origin makes it about the treaty.
 */
import type { ClassifyResult, Item } from '../domain.js';
import { classifyItem } from './classify-item.js';
import type { ClassifyInput, ClassifyKnowledge } from './classify-types.js';
import { applyOriginRelevance, isRelevantByOrigin } from './relevant-by-origin.js';

/** Returns the classification of a stored item, relevant by construction when its origin says so (treaty record, official documents). */
export function classifyStoredItem(item: Item, source: { kind: string; publisher: string } | undefined, knowledge: ClassifyKnowledge): ClassifyResult {
  return applyOriginRelevance(classifyItem(itemToClassifyInput(item), knowledge), isRelevantByOrigin(item, source));
}

/** Returns the classifier input of a stored item: title, body (summary and text without repeats), source, UTC date. */
export function itemToClassifyInput(item: Item): ClassifyInput {
  return {
    id: String(item.id),
    title: item.title,
    text: joinSummaryAndText(item.summary, item.text),
    url: item.url,
    publisher: item.sourceId,
    published: item.publishedAtMs === null ? null : new Date(item.publishedAtMs).toISOString().slice(0, 10),
  };
}

// Summaries are often the opening of the text, or the text cut short: classifying both would
// count every cue twice, so a part contained in the other is dropped.
function joinSummaryAndText(summary: string, text: string): string {
  const s = summary.trim();
  const t = text.trim();
  if (!s) return t;
  if (!t) return s;
  // The usual cases, without folding 20,000 characters: the summary is part of the text as it
  // stands, or is the text's opening cut with an ellipsis. Either way its folded form is part of
  // the text's folded form, which is what the comparison below would find.
  if (t.includes(s)) return t;
  if (s.endsWith('…') && t.startsWith(s.slice(0, -1))) return t;
  const fs = squash(s);
  const ft = squash(t);
  if (ft.includes(fs)) return t;
  if (fs.includes(ft)) return s;
  return `${s}\n\n${t}`;
}

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/(?:\.\.\.|…)$/, '').trim().toLowerCase();
}
