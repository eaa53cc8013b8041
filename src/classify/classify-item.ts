/**
 * The classifier: relevance first, then, for relevant items only, article
 * mentions and concerns. An item that is not about the convention gets no tags at all, so an
 * "Article 19" in an ICCPR post never reaches a digest.
 */
import type { ClassifyInput, ClassifyKnowledge } from './classify-types.js';
import type { ClassifyResult, Mention } from '../domain.js';
import { extractMentions, type MentionContext } from '../refs/extract-mentions.js';
import { weighCitations } from './citation-context.js';
import { normalizeText } from '../knowledge/normalize-text.js';
import { logistic, scoreRelevance } from './score-relevance.js';
import { scoreConcerns, withImplied } from './tag-concerns.js';
import { tagConcernsWithModel } from './concern-model.js';
import { mayAskModel, relevanceFeatures, relevanceProbability } from './relevance-model.js';
import { concernFeatures } from './concern-features.js';

// Only a text with an article keyword can cite one; the rest skip the extractor.
export const CITATION_KEYWORD = /\b(?:art|para|§)/i;

/** The signature of the article-reference extractor the classifier uses; tests pass their own. */
export type MentionExtractor = (text: string, ctx: MentionContext) => Mention[];

/** Returns the tags of one item: relevance and score, articles (final numbering), concerns and mentions. */
export function classifyItem(input: ClassifyInput, knowledge: ClassifyKnowledge, extract: MentionExtractor = extractMentions): ClassifyResult {
  const raw = joinTitleAndText(input.title, input.text);
  const folded = normalizeText(raw);
  const rules = knowledge.relevance;
  const mentions = CITATION_KEYWORD.test(raw) ? extract(raw, { published: input.published ?? null, knowledge }) : [];
  const doc = { text: folded, publisher: input.publisher ?? null, published: input.published ?? null, citesThisTreaty: mentions.length > 0 };
  const verdict = scoreRelevance(doc, rules);
  // The item's own citations of this convention, read in context, add to the text cues.
  let logit = verdict.logit + weighCitations(mentions, input.title, rules.citationContext, knowledge).logit;
  const articles = selectFinestRefs(mentions);
  // The learned model (when one ships) takes a second look at what the rules leave out; see mayAskModel.
  const relevanceModel = knowledge.relevanceModel ?? null;
  // It learned from feed-length items: a long analysis is left to the rules, which weigh its names and citations.
  const askModel = relevanceModel !== null && folded.length <= knowledge.concerns.longTextChars && mayAskModel(verdict);
  // Concerns add to relevance only with a treaty in view; without one, an item already below the
  // threshold is not relevant whatever it raises, and is not tagged: skip the concern cues.
  if (!verdict.contextOpen && !askModel && logistic(logit) < rules.threshold) return notRelevant(logit);
  const cited = new Set(articles.map((ref) => Number.parseInt(ref, 10)));
  const byRules = scoreConcerns(folded, cited, knowledge.concerns);
  // With a treaty in view and nothing else claiming the item, each subject of this convention it
  // raises (the concern taxonomy is this convention's subjects) is evidence too, up to a cap.
  if (verdict.contextOpen) {
    const raised = withImplied(knowledge.concerns.concerns.filter((_c, i) => byRules[i]!.tagged).map((c) => c.id), knowledge.concerns).length;
    logit += Math.min(rules.concernContext.max, rules.concernContext.perConcern * raised);
  }
  let score = roundScore(logistic(logit));
  let features: string[] | undefined;
  if (logistic(logit) < rules.threshold) {
    if (!askModel || !mayAskModel(verdict, byRules)) return notRelevant(logit);
    features = concernFeatures(folded, cited, knowledge.concerns, byRules);
    const probability = relevanceProbability(relevanceModel, relevanceFeatures(features, verdict));
    if (probability < relevanceModel.thresholds[0]!) return notRelevant(logit);
    score = roundScore(probability);
  }
  // Relevance weighs the rules' concerns only; the shipped concern model (if any) then adds its own.
  const tagged = tagConcernsWithModel(folded, cited, knowledge.concernModel ?? null, knowledge.concerns, byRules, features);
  return { relevant: true, score, articles, concerns: tagged, mentions };
}

/** Returns the distinct refs of the mentions, dropping a ref when a finer one of it is also cited ("28" beside "28.4"). */
export function selectFinestRefs(mentions: readonly Mention[]): string[] {
  const refs = [...new Set(mentions.map((m) => m.ref))];
  return refs.filter((ref) => !refs.some((other) => other.startsWith(ref + '.')));
}

/** Returns title and text as one string; a title often ends without punctuation, so it gets a full stop of its own. */
export function joinTitleAndText(title: string, text: string): string {
  const t = title.trim();
  const body = text.trim();
  if (!t) return body;
  if (!body || body.startsWith(t)) return body || t;
  // Folding turns the blank line into a space; the full stop keeps cues from running across the two.
  return /[.!?:;]["')\]]?$/.test(t) ? `${t}\n\n${body}` : `${t}.\n\n${body}`;
}

function notRelevant(logit: number): ClassifyResult {
  return { relevant: false, score: roundScore(logistic(logit)), articles: [], concerns: [], mentions: [] };
}

function roundScore(score: number): number {
  return Math.round(score * 1000) / 1000;
}
