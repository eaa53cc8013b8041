/** The vocabulary shared by every stage: Source, Item, their tags and the official text's provisions. */

export type SourceKind = 'feed' | 'page' | 'treaty-status';
export type SourcePriority = 'high' | 'normal' | 'low';
/** Who configured a source: shipped with the bot, the operator's file, or an admin from chat (untrusted URL). */
export type SourceOrigin = 'builtin' | 'operator' | 'user';
/** Whether an item's linked page is fetched for its full text: never, for relevant items (default), or for every item. */
export type FullTextMode = 'off' | 'relevant' | 'all';

/** CSS selectors for a `page` source: each `item` match is one item. */
export interface PageSelectors {
  item: string;
  title?: string;
  link?: string;
  date?: string;
  summary?: string;
}

/** A source as configured (reviewed data in feeds/, the operator's file, or added from chat). */
export interface SourceConfig {
  id: string;
  name: string;
  publisher: string;
  kind: SourceKind;
  url: string;
  selectors?: PageSelectors;
  /** Poll interval in milliseconds. */
  intervalMs?: number;
  priority?: SourcePriority;
  sessionCritical?: boolean;
  /** `fullText: false` in the sources file turns it off; `"all"` marks a treaty-focused source. */
  fullText?: FullTextMode;
}

/** A source with its fetch state, as stored. */
export interface Source extends Required<Omit<SourceConfig, 'selectors'>> {
  selectors: PageSelectors | null;
  origin: SourceOrigin;
  enabled: boolean;
  etag: string | null;
  lastModified: string | null;
  nextCheckAtMs: number;
  lastCheckedAtMs: number | null;
  lastSuccessAtMs: number | null;
  lastNewAtMs: number | null;
  firstPolledAtMs: number | null;
  lastStatus: string | null;
  lastHttpStatus: number | null;
  errorCount: number;
  lastError: string | null;
  lastErrorAtMs: number | null;
  createdAtMs: number;
}

export type ItemKind = 'post' | 'document' | 'signature' | 'ratification' | 'treaty-action';

/** What a parser yields for one entry, before dedupe and storage. */
export interface ParsedItem {
  guid: string | null;
  url: string | null;
  title: string;
  summary: string;
  text: string;
  author: string | null;
  publishedAtMs: number | null;
  kind: ItemKind;
  /** Kind-specific facts, e.g. a treaty action's participant and date. */
  extra?: Record<string, unknown>;
}

/** What a parser yields for one fetched body. */
export interface ParsedSource {
  items: ParsedItem[];
  /** RSS `<ttl>` (or similar) in milliseconds, when the document sets one. */
  ttlMs: number | null;
}

/** A parsed item with the identity the store deduplicates on. */
export interface KeyedItem {
  item: ParsedItem;
  key: string;
  canonicalUrl: string | null;
  contentHash: string;
}

/** An item as stored. */
export interface Item {
  id: number;
  sourceId: string;
  dedupeKey: string;
  kind: ItemKind;
  guid: string | null;
  url: string | null;
  canonicalUrl: string | null;
  title: string;
  summary: string;
  text: string;
  author: string | null;
  publishedAtMs: number | null;
  fetchedAtMs: number;
  contentHash: string;
  extra: Record<string, unknown> | null;
  /** False for items recorded by a source's first poll: never alerted, never in a digest. */
  deliverable: boolean;
  relevant: boolean | null;
  score: number | null;
}

/** One article reference found in the text, bound to this treaty and resolved to final numbering. */
export interface Mention {
  /** The text as written, e.g. "Article 28(4)". */
  raw: string;
  /** Canonical final-numbering ref: "28", "28.4", "47.1.b", "2.b". */
  ref: string;
  /** The canonical ref in the numbering the text used, e.g. "17" for a zero-draft citation. */
  cited_as: string;
  /** Which numbering the citation used. */
  version: 'final' | 'zero';
  /** The sentence the reference came from. */
  sentence: string;
}

/** An item's tags as the classifier gives them and the store keeps them. */
export interface ClassifyResult {
  relevant: boolean;
  /** Relevance score from 0 to 1. */
  score: number;
  /** Distinct canonical refs (final numbering), finest level cited. */
  articles: string[];
  /** Concern ids from the concern taxonomy (knowledge/concerns.json). */
  concerns: string[];
  mentions: Mention[];
}

/** One stored unit of the official text: an article's opening words, a paragraph, or a subparagraph. */
export interface Provision {
  /** Canonical ref: "28" (the article's opening words), "28.4", "28.4.b" or "2.b". */
  ref: string;
  article: number;
  paragraph: number | null;
  letter: string | null;
  text: string;
}

/** The six official languages of the United Nations, in the order the UN lists them. */
export const TEXT_LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
/** A language the convention's text is published in (ISO 639-1 code). */
export type TextLanguage = (typeof TEXT_LANGUAGES)[number];

/** Returns whether `code` is one of the six official languages. */
export function isTextLanguage(code: string): code is TextLanguage {
  return (TEXT_LANGUAGES as readonly string[]).includes(code);
}
