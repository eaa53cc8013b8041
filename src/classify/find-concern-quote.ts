/**
 * The sentence of an item that speaks to a concern: the first sentence matching one of the
 * concern's cues (the same cues that tagged it), preferring one that also cites an article linked
 * to the concern. Used to quote items in `concern <id>`.
 */
import { splitSentences, formatSentence } from '../refs/split-sentences.js';
import { normalizeText } from '../knowledge/normalize-text.js';
import type { ConcernRules } from '../knowledge/concern-rules.js';

/** The longest quote, in characters. */
export const MAX_QUOTE_CHARS = 280;

/** Returns the best sentence of `text` for the concern, cut to MAX_QUOTE_CHARS, or null when none matches a cue. */
export function findConcernQuote(text: string, concernId: string, rules: ConcernRules): string | null {
  const concern = rules.concerns.find((c) => c.id === concernId);
  if (!concern || text.trim() === '') return null;
  const articleCue = new RegExp(`\\bart(?:icle|\\.)?s?\\s*(?:${concern.articles.join('|') || '\\d+'})\\b`, 'i');
  let first: { span: ReturnType<typeof splitSentences>[number]; focus: number } | null = null;
  for (const span of splitSentences(text)) {
    const sentence = text.slice(span.start, span.end);
    const folded = normalizeText(sentence);
    if (!concern.cues.some((cue) => cue.regex.test(folded))) continue;
    const cited = articleCue.exec(sentence);
    if (cited) return formatSentence(text, span, span.start + cited.index, MAX_QUOTE_CHARS);
    first ??= { span, focus: span.start };
  }
  return first ? formatSentence(text, first.span, first.focus, MAX_QUOTE_CHARS) : null;
}
