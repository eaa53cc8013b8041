/**
 * Concern tagging, rules from `knowledge/concerns.json`.
 *
 * Rules, in order: (1) each cue adds its weight once when it matches (in a long text, twice when it
 * matches at least twice, and the threshold rises, so a passing mention in a long analysis does not
 * tag); (2) a cited article linked to the concern adds `articleBonus`, but only once a cue matched:
 * citing Article 24 alone never tags `safeguards`; (3) the concern is tagged at the threshold.
 */
import type { ConcernRules } from '../knowledge/concern-rules.js';

/** Returns the ids of the concerns a folded text raises, given the article numbers it cites. */
export function tagConcerns(text: string, citedArticles: ReadonlySet<number>, rules: ConcernRules): string[] {
  const scores = scoreConcerns(text, citedArticles, rules);
  return withImplied(rules.concerns.filter((_c, i) => scores[i]!.tagged).map((c) => c.id), rules);
}

/** Returns each concern's cue score, in taxonomy order, and whether it reaches the threshold. */
export function scoreConcerns(text: string, citedArticles: ReadonlySet<number>, rules: ConcernRules): { score: number; tagged: boolean }[] {
  const long = text.length > rules.longTextChars;
  const threshold = long ? rules.longTextThreshold : rules.threshold;
  return rules.concerns.map((concern) => {
    let score = 0;
    for (const cue of concern.cues) score += cue.weight * (long ? countMatches(cue.allRegex, text, 2) : Number(cue.regex.test(text)));
    if (score > 0 && concern.articles.some((a) => citedArticles.has(a))) score += rules.articleBonus;
    return { score, tagged: score >= threshold };
  });
}

/** Returns the tagged ids with the concerns they imply, in taxonomy order. */
export function withImplied(tagged: readonly string[], rules: ConcernRules): string[] {
  const implied = new Set(rules.concerns.filter((c) => tagged.includes(c.id)).flatMap((c) => c.implies ?? []));
  // Keep the taxonomy's order, so the same item always lists its concerns the same way.
  return rules.concerns.map((c) => c.id).filter((id) => tagged.includes(id) || implied.has(id));
}

function countMatches(global: RegExp, text: string, max: number): number {
  global.lastIndex = 0;
  let n = 0;
  while (n < max && global.exec(text) !== null) n++;
  return n;
}
