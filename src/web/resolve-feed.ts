import { displayRef, formatRef, parseCommandRef } from '../treaty/parse-command-ref.js';
import type { Knowledge } from '../knowledge/load-knowledge.js';
import { findArticle } from '../treaty/articles.js';
import type { FeedSpec } from './build-feed.js';

/** A feed path read: which items, in which format, under which title; or why there is no such feed. */
export type ResolvedFeed =
  | { spec: FeedSpec; filter: { ref?: string; concern?: string }; format: 'atom' | 'json' }
  | { error: string };

/** Returns what a `/feeds/...` path asks for (`all`, `article/28.4`, `concern/surveillance`, then `.atom` or `.json`), or null for other paths. */
export function resolveFeed(knowledge: Pick<Knowledge, 'articles' | 'concerns'>, path: string): ResolvedFeed | null {
  const m = /^\/feeds\/(all|article\/([^/]+)|concern\/([^/]+))\.(atom|json)$/.exec(path);
  if (!m) return null;
  const format = m[4] as 'atom' | 'json';
  if (m[1] === 'all') {
    return { format, filter: {}, spec: { title: 'treatywatch: UN Convention against Cybercrime', description: 'Relevant items about the convention, newest first.', path: '/feeds/all', pagePath: '/' } };
  }
  if (m[2] !== undefined) {
    const parsed = parseCommandRef(knowledge.articles, decodeURIComponent(m[2]), 'final');
    if (!parsed.ok || !findArticle(knowledge.articles, parsed.ref.article, 'final')) return { error: `no article feed for "${m[2]}"` };
    const ref = formatRef(parsed.ref);
    const name = displayRef(parsed.ref.article, parsed.ref.paragraph, parsed.ref.letter);
    return { format, filter: { ref }, spec: { title: `treatywatch: ${name}`, description: `Items citing ${name} of the UN Convention against Cybercrime.`, path: `/feeds/article/${ref}`, pagePath: `/article/${ref}` } };
  }
  const id = decodeURIComponent(m[3] ?? '');
  const concern = knowledge.concerns.concerns.find((c) => c.id === id);
  if (!concern) return { error: `no concern feed for "${id}"` };
  return { format, filter: { concern: id }, spec: { title: `treatywatch: ${concern.name}`, description: `Items raising the concern "${concern.name}".`, path: `/feeds/concern/${id}`, pagePath: `/concern/${id}` } };
}
