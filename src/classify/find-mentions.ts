import type { Mention } from '../domain.js';
import { extractMentions } from '../refs/extract-mentions.js';

/** The signature of the article-reference extractor the classifier binds to. */
export type MentionExtractor = (text: string, ctx: { published: string | null }) => Mention[];

/** Returns the article references of a text bound to this treaty, in final numbering (the refs stage). */
export const findMentions: MentionExtractor = (text, ctx) => extractMentions(text, ctx);
