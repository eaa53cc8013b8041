/** The vocabulary shared by every stage: Source, Item and their tags. */

export type SourceKind = 'feed' | 'page' | 'treaty-status';
export type SourcePriority = 'high' | 'normal' | 'low';
/** Who configured a source: shipped with the bot, the operator's file, or an admin from chat (untrusted URL). */
export type SourceOrigin = 'builtin' | 'operator' | 'user';

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
