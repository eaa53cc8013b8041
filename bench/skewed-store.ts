/**
 * Read-bench data shaped like real discussion and made by the real pipeline: generated items ->
 * the classifier -> the store (items, tags and their triggers). Articles 28, 40 and 24 draw most
 * citations. Classifying every one of a million items would take most of an hour, so a pool of
 * distinct generated items is classified once and each stored item takes one pool entry's text
 * and classification (its own title, URL and date).
 */
import { classifyItem } from '../src/classify/classify-item.js';
import type { ClassifyResult } from '../src/domain.js';
import type { Db } from '../src/store/db.js';
import { syncConfiguredSources } from '../src/store/sources-store.js';
import { saveClassification } from '../src/store/tags-store.js';
import { seededRandom } from './generate.js';
import { loadKnowledge } from '../src/knowledge/load-knowledge.js';

const KNOWLEDGE = loadKnowledge();

/** The generated items are one a minute from this instant. */
export const FIRST_ITEM_MS = 1_700_000_000_000;
const POOL = 4_000;
const TREATY_SHARE = 0.4;

// Weights: the three famous articles take about 70% of citations, the rest share what is left.
const FAMOUS: [number, number][] = [[28, 32], [40, 22], [24, 16]];
const OTHER_WEIGHT = 30;
const PHRASES = [
  'lacks meaningful human rights safeguards and judicial oversight',
  'allows real-time collection of traffic data without a warrant',
  'would compel anyone with knowledge of a system to help the police break encryption',
  'expands cross-border sharing of electronic evidence with states that persecute critics',
  'could criminalise journalists and security researchers for their speech',
  'needs forty ratifications before the convention enters into force',
  'lets authorities order the preservation of stored data',
  'leaves the scope of offences open to abuse by any serious crime',
];
const OTHER = [
  'The city council approved a new budget for public parks on Tuesday.',
  'Researchers published a study on coral reef recovery after heat waves.',
  'Ransomware gangs targeted hospitals across three countries this month.',
  'A new report maps spyware sales to governments with poor rights records.',
  'Article 19 of the ICCPR protects freedom of expression for everyone.',
  'Internet shutdowns were recorded in several regions during elections.',
];

/** Returns an article number: 28, 40 and 24 most of the time, else any of the 68. */
export function skewedArticle(random: () => number): number {
  let r = random() * (OTHER_WEIGHT + FAMOUS.reduce((s, [, w]) => s + w, 0));
  for (const [article, weight] of FAMOUS) if ((r -= weight) < 0) return article;
  return 1 + Math.floor(random() * 68);
}

function treatySentence(random: () => number): string {
  const article = skewedArticle(random);
  const para = random() < 0.5 ? `(${1 + Math.floor(random() * 4)})` : '';
  const phrase = PHRASES[Math.floor(random() * PHRASES.length)]!;
  return random() < 0.5
    ? `Article ${article}${para} of the UN Convention against Cybercrime ${phrase}.`
    : `Critics of the UN cybercrime convention say its Article ${article}${para} ${phrase}.`;
}

/** Returns a generated text of a few sentences, about the treaty with probability `treatyShare`. */
export function generateSkewedText(random: () => number, treatyShare: number): string {
  const treaty = random() < treatyShare;
  const out: string[] = [];
  for (let i = 0; i < 4; i++) out.push(treaty && (i === 0 || random() < 0.5) ? treatySentence(random) : OTHER[Math.floor(random() * OTHER.length)]!);
  return out.join(' ');
}

interface PoolEntry { title: string; text: string; result: ClassifyResult }

/** Classifies a pool of generated items with the real classifier. */
function classifyPool(seed: number): PoolEntry[] {
  const random = seededRandom(seed);
  return Array.from({ length: POOL }, (_, i) => {
    const text = generateSkewedText(random, TREATY_SHARE);
    const title = text.split('.')[0]!.slice(0, 120);
    const result = classifyItem({ id: String(i), title, text, url: `https://news.example.org/p/${i}`, publisher: 'bench', published: '2025-10-01' }, KNOWLEDGE);
    return { title, text, result };
  });
}

/** Stores `count` items (one a minute unless spaced otherwise) through the store's own tag writes; returns how many are relevant. */
export function fillSkewedStore(db: Db, count: number, seed: number, opts: { spacingMs?: number; onProgress?: (done: number) => void } = {}): number {
  syncConfiguredSources(db, [{ id: 'bench', name: 'Bench', publisher: 'bench', kind: 'feed', url: 'http://127.0.0.1/' }], 'operator', 0);
  const pool = classifyPool(seed);
  const random = seededRandom(seed + 7);
  const insert = db.prepare(`INSERT INTO items (source_id, dedupe_key, title, summary, text, url, canonical_url, published_at_ms, fetched_at_ms, content_hash)
    VALUES ('bench', @key, @title, @summary, '', @url, @url, @at, @at, @key)`);
  let relevant = 0;
  const batch = (from: number, to: number) => db.transaction(() => {
    for (let i = from; i < to; i++) {
      const entry = pool[Math.floor(random() * pool.length)]!;
      const at = FIRST_ITEM_MS + i * (opts.spacingMs ?? 60_000);
      const id = Number(insert.run({ key: `k${i}`, title: `${entry.title} (${i})`, summary: entry.text, url: `https://news.example.org/${i}`, at }).lastInsertRowid);
      saveClassification(db, id, entry.result, at);
      if (entry.result.relevant) relevant++;
    }
  })();
  for (let from = 0; from < count; from += 10_000) {
    batch(from, Math.min(count, from + 10_000));
    opts.onProgress?.(Math.min(count, from + 10_000));
  }
  return relevant;
}
