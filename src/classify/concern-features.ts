/**
 * The features the concern model reads from one item: stemmed words and word pairs of the folded
 * title and text, the concern rules' cue hits, and the articles the item cites.
 *
 * Word pairs keep short words, so "not require" and "does not" are features of their own
 * (negations count as raising a concern). Stems are a light suffix strip, so "adopts", "adopted"
 * and "adoption" share one feature.
 */
import type { ConcernRules } from '../knowledge/concern-rules.js';
import { scoreConcerns } from './tag-concerns.js';

const WORD = /[a-z0-9]+/g;

// Words that carry no subject alone; they still form pairs ("not require", "at the request").
const STOPWORDS = new Set(
  ('a an the and or of to in on at for by with from as is are was were be been being it its this that these those ' +
    'has have had do does did will would can could should may might shall not no but if than then so such into over ' +
    'under about after before also which who whom whose what when where while their there they them he she his her ' +
    'we our us you your i s t').split(' '),
);

// Longest first; a strip must leave at least three letters.
const SUFFIXES = [
  'isations', 'izations', 'isation', 'ization', 'ations', 'ation', 'ements', 'ement', 'ments', 'ment', 'ising', 'izing',
  'ised', 'ized', 'ises', 'izes', 'ise', 'ize', 'ings', 'ing', 'ions', 'ion', 'ities', 'ity', 'ies', 'edly', 'ed', 'ers',
  'er', 'es', 'ly', 's',
];

/** Returns the light stem of a lower-case word ("adopted" -> "adopt", "signatories" -> "signator"). */
export function stemWord(word: string): string {
  if (word.length <= 4 || /^\d+$/.test(word)) return word;
  let stem = word;
  for (const suffix of SUFFIXES) {
    if (!word.endsWith(suffix) || word.length - suffix.length < 3) continue;
    // "access", "process", "analysis", "status": a final "s" after s/u/i is part of the word.
    if (suffix === 's' && /[sui]s$/.test(word)) break;
    stem = word.slice(0, -suffix.length);
    break;
  }
  // "require", "requires" and "required" meet at "requir".
  return stem.length > 4 && stem.endsWith('e') ? stem.slice(0, -1) : stem;
}

/** Returns the distinct features of a folded text (normalizeText output). */
export function concernFeatures(
  folded: string,
  citedArticles: ReadonlySet<number>,
  rules: ConcernRules,
  scores: readonly { score: number; tagged: boolean }[] = scoreConcerns(folded, citedArticles, rules),
): string[] {
  const features = new Set<string>();
  const words = (folded.replace(/'s\b/g, '').match(WORD) ?? []).map((w) => ({ stop: STOPWORDS.has(w), stem: stemWord(w) }));
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!w.stop) features.add(w.stem);
    const next = words[i + 1];
    if (next && !(w.stop && next.stop)) features.add(`${w.stem} ${next.stem}`);
  }
  rules.concerns.forEach((concern, i) => {
    const { score, tagged } = scores[i]!;
    if (score > 0) features.add(`cue:${concern.id}`);
    if (tagged) features.add(`rule:${concern.id}`);
  });
  for (const article of citedArticles) features.add(`art:${article}`);
  return [...features];
}
