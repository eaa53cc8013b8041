/**
 * Relevance evidence from the item's own article citations: a citation that the
 * binder gave to this convention counts as evidence that the item is about it, and counts more
 * when its context agrees with the article cited: the citing sentence or the title shares subject
 * words with the article's title (in the numbering cited), or raises a concern linked to that
 * article. "Article 26 ... preserved traffic data" agrees with "Expedited preservation and partial
 * disclosure of traffic data"; "Article 26 of the new zoning rules" never reaches here (bound
 * elsewhere), and "Article 12 applies from June" agrees with nothing.
 */
import type { Mention } from '../domain.js';
import type { ArticleTables } from '../knowledge/article-tables.js';
import type { ConcernRules } from '../knowledge/concern-rules.js';
import type { CitationWeights } from '../knowledge/relevance-rules.js';
import { findArticle } from '../treaty/articles.js';
import { normalizeText } from '../knowledge/normalize-text.js';

/** What the citations of one item say about its relevance. */
export interface CitationEvidence {
  logit: number;
  /** Cue ids, in the same list as the text cues: "citation", "citation-agrees". */
  cues: string[];
}

// Words too common in this field to show which article is meant.
const GENERIC_WORDS = [
  'the', 'and', 'for', 'with', 'its', 'this', 'that', 'other', 'use', 'convention', 'treaty', 'united', 'nations',
  'article', 'states', 'parties', 'party', 'crime', 'crimes', 'cybercrime', 'offences', 'offenses', 'general',
  'provisions', 'measures', 'related', 'relating', 'information', 'communications', 'technologies', 'system',
  'systems', 'data', 'established', 'establishment', 'accordance', 'law', 'matters', 'certain', 'international',
];
const GENERIC = new Set(GENERIC_WORDS.map(stemOf));

// Title stems per article, worked out once per article table.
const stemCache = new WeakMap<ArticleTables, Map<string, Set<string>>>();

/** Returns the relevance evidence of the mentions bound to this convention. */
export function weighCitations(
  mentions: readonly Mention[],
  title: string,
  weights: CitationWeights,
  knowledge: { articles: ArticleTables; concerns: ConcernRules },
): CitationEvidence {
  if (mentions.length === 0) return { logit: 0, cues: [] };
  const foldedTitle = normalizeText(title);
  const titleStems = stems(foldedTitle);
  for (const m of mentions) {
    const sentence = normalizeText(m.sentence);
    const sentenceStems = stems(sentence);
    const article = Number.parseInt(m.ref, 10);
    const subject = articleStems(knowledge.articles, article, Number.parseInt(m.cited_as, 10), m.version);
    if (shares(subject, sentenceStems) || shares(subject, titleStems) || raisesLinkedConcern(article, sentence, foldedTitle, knowledge.concerns)) {
      return { logit: weights.cited + weights.agrees, cues: ['citation', 'citation-agrees'] };
    }
  }
  return { logit: weights.cited, cues: ['citation'] };
}

/** Returns the stems of the article's title, in the numbering cited and in the final text. */
function articleStems(tables: ArticleTables, finalArticle: number, citedAs: number, version: 'final' | 'zero'): Set<string> {
  const key = `${finalArticle}/${citedAs}/${version}`;
  let cache = stemCache.get(tables);
  if (!cache) stemCache.set(tables, (cache = new Map()));
  let out = cache.get(key);
  if (!out) {
    const titles = [findArticle(tables, finalArticle, 'final')?.title ?? '', version === 'zero' ? (findArticle(tables, citedAs, 'zero')?.title ?? '') : ''];
    out = stems(normalizeText(titles.join(' ')));
    cache.set(key, out);
  }
  return out;
}

function raisesLinkedConcern(article: number, sentence: string, title: string, rules: ConcernRules): boolean {
  return rules.concerns.some(
    (c) => c.articles.includes(article) && c.cues.some((cue) => cue.weight >= 1 && (cue.regex.test(sentence) || cue.regex.test(title))),
  );
}

function shares(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const w of a) if (b.has(w)) return true;
  return false;
}

/** Returns crude stems of the content words of folded text ("preserved", "preservation" -> "preserv"). */
export function stems(folded: string): Set<string> {
  const out = new Set<string>();
  for (const word of folded.match(/[a-z]{3,}/g) ?? []) {
    const stem = stemOf(word);
    if (stem.length >= 3 && !GENERIC.has(stem)) out.add(stem);
  }
  return out;
}

function stemOf(word: string): string {
  return word.replace(/(?:ations?|itions?|ments?|ings?|ities|ity|ives?|ions?|ers?|ed|es|s|al|ly)$/, '').slice(0, 7);
}
