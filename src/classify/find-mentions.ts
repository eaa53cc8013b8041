import type { Mention } from './classify-types.js';

/** The signature of the article-reference extractor the classifier binds to. */
export type MentionExtractor = (text: string, ctx: { published: string | null }) => Mention[];

/** Returns the article references of a text bound to this treaty; none until the reference extractor is wired in. */
export const findMentions: MentionExtractor = () => [];
