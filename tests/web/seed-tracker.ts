import type { ParsedItem } from '../../src/domain.js';
import type { Db } from '../../src/store/db.js';
import { insertNewItems } from '../../src/store/items-store.js';
import { insertSource, recordFetchSuccess } from '../../src/store/sources-store.js';
import { saveClassification } from '../../src/store/tags-store.js';

/** "Now" for seeded trackers: Wednesday 2026-11-25 12:00 UTC. */
export const SEED_NOW_MS = Date.parse('2026-11-25T12:00:00Z');
const DAY_MS = 86_400_000;
/** A title that would run script if any page or feed forgot to escape it. */
export const HOSTILE_TITLE = '<script>alert(1)</script><img src=x onerror=alert(2)>';

/** One seeded item: title, days before SEED_NOW_MS, cited refs with their sentences, concerns. */
export interface SeedItem {
  title: string;
  daysAgo: number;
  cites: { ref: string; sentence: string }[];
  concerns: string[];
  url?: string;
  relevant?: boolean;
}

/** The items most tests use: quotes on Article 28(4) and 24, a hostile title, an off-topic item. */
export const SEED_ITEMS: readonly SeedItem[] = [
  { title: 'Encryption keys and Article 28(4)', daysAgo: 2, concerns: ['compelled-assistance', 'safeguards'],
    cites: [{ ref: '28.4', sentence: 'Article 28(4) lets authorities compel anyone with knowledge of a system to help them.' }] },
  { title: 'Safeguards under Article 24 remain weak', daysAgo: 9, concerns: ['safeguards'],
    cites: [{ ref: '24', sentence: 'Article 24 defers to domestic law for every safeguard.' }, { ref: '28.4', sentence: 'Compelled assistance under Article 28(4) needs judicial authorisation.' }] },
  { title: HOSTILE_TITLE, daysAgo: 1, concerns: ['surveillance'], cites: [{ ref: '29', sentence: 'Real-time collection of traffic data under Article 29.' }] },
  { title: 'Ratification debate in parliament', daysAgo: 20, concerns: ['ratification'], cites: [] },
  { title: 'A cooking blog post', daysAgo: 3, concerns: [], cites: [], relevant: false },
];

/** The seeded sources as a TREATYWATCH_SOURCES file would list them (same ids and URLs, so a bot keeps their state). */
export const SEED_SOURCES_JSON = JSON.stringify([
  { id: 'ngo', name: 'Example NGO', publisher: 'Example NGO', kind: 'feed', url: 'https://ngo.example/feed.xml?token=s3cret' },
  { id: 'untc', name: 'UN Treaty Collection', publisher: 'UN', kind: 'treaty-status', url: 'https://treaties.example/XVIII-16.en.xml' },
]);

const DEMO_TOPICS: readonly [string, string, string][] = [
  ['28.4', 'compelled-assistance', 'Article 28(4) could force engineers to hand over encryption keys.'],
  ['24', 'safeguards', 'Article 24 leaves conditions and safeguards to domestic law.'],
  ['29', 'surveillance', 'Article 29 allows real-time collection of traffic data.'],
  ['30', 'surveillance', 'Article 30 covers interception of content data.'],
  ['40', 'cross-border-cooperation', 'Mutual legal assistance under Article 40 lacks a dual criminality test.'],
  ['6', 'safeguards', 'Article 6 on respect for human rights is the only general safeguard.'],
  ['4', 'scope', 'Article 4 extends the treaty to offences under other conventions.'],
  ['36', 'data-protection', 'Article 36 on personal data allows transfers without adequate protection.'],
  ['47', 'cross-border-cooperation', 'Law-enforcement cooperation under Article 47 reaches far.'],
  ['62', 'protocol', 'Article 62 opens the door to a supplementary protocol.'],
];

/** Returns 12 weeks of plausible commentary (deterministic), more of it on the usual articles, for screenshots and benches. */
export function demoHistory(count: number): SeedItem[] {
  return Array.from({ length: count }, (_, n) => {
    // Earlier topics are cited more often, as real discussion is skewed toward a few articles.
    const topic = DEMO_TOPICS[Math.floor(((n * 7919) % 1000) ** 2 / 1000 / 100) % DEMO_TOPICS.length]!;
    return {
      title: `Commentary ${n + 1}: what Article ${topic[0]} means for civil society`,
      daysAgo: 3 + ((n * 37) % 80),
      concerns: [topic[1]],
      cites: [{ ref: topic[0], sentence: topic[2] }],
    };
  });
}

/** The treaty record: participant, kind, action, date. */
export const SEED_ACTIONS: readonly [string, 'signature' | 'ratification', string, string][] = [
  ['Brazil', 'signature', 'signature', '2025-10-25'],
  ['Viet Nam', 'signature', 'signature', '2025-10-25'],
  ['Viet Nam', 'ratification', 'ratification', '2026-03-02'],
  ['China', 'signature', 'signature', '2025-10-25'],
  ['China', 'ratification', 'approval', '2026-03-12'],
];

/** Seeds sources, tagged items and treaty-status acts into an opened database; returns the item ids by title. */
export function seedTracker(db: Db, items: readonly SeedItem[] = SEED_ITEMS, nowMs = SEED_NOW_MS): Map<string, number> {
  insertSource(db, { id: 'ngo', name: 'Example NGO', publisher: 'Example NGO', kind: 'feed', url: 'https://ngo.example/feed.xml?token=s3cret' }, 'operator', nowMs);
  insertSource(db, { id: 'untc', name: 'UN Treaty Collection', publisher: 'UN', kind: 'treaty-status', url: 'https://treaties.example/XVIII-16.en.xml' }, 'operator', nowMs);
  // Both were read a day ago and are not due for a day, so a bot started on this database polls nothing.
  for (const id of ['ngo', 'untc']) {
    recordFetchSuccess(db, id, { nowMs: nowMs - DAY_MS, nextCheckAtMs: nowMs + DAY_MS, httpStatus: 200, status: 'ok', newItems: 0, etag: null, lastModified: null });
  }
  const ids = new Map<string, number>();
  items.forEach((seed, n) => {
    const parsed: ParsedItem = {
      guid: `seed-${n}`, url: seed.url ?? `https://ngo.example/posts/${n}`, title: seed.title, summary: '',
      text: seed.cites.map((c) => c.sentence).join(' ') || `${seed.title}.`, author: null,
      publishedAtMs: nowMs - seed.daysAgo * DAY_MS, kind: 'post',
    };
    const [stored] = insertNewItems(db, 'ngo', [{ item: parsed, key: `seed-${n}`, canonicalUrl: parsed.url, contentHash: `h${n}` }], { deliverable: true, fetchedAtMs: nowMs });
    saveClassification(db, stored!.id, {
      relevant: seed.relevant ?? true, score: 0.9, articles: seed.cites.map((c) => c.ref), concerns: seed.concerns,
      mentions: seed.cites.map((c) => ({ raw: `Article ${c.ref}`, ref: c.ref, cited_as: c.ref, version: 'final' as const, sentence: c.sentence })),
    }, nowMs);
    ids.set(seed.title, stored!.id);
  });
  const acts = SEED_ACTIONS.map(([participant, kind, action, date], n): { item: ParsedItem; key: string; canonicalUrl: null; contentHash: string } => ({
    item: { guid: `untc-${n}`, url: null, title: `${participant} ${action}`, summary: '', text: '', author: null, publishedAtMs: Date.parse(date), kind, extra: { participant, action, date } },
    key: `untc-${n}`, canonicalUrl: null, contentHash: `t${n}`,
  }));
  insertNewItems(db, 'untc', acts, { deliverable: false, fetchedAtMs: nowMs });
  return ids;
}
