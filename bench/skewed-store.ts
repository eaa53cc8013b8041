/**
 * Read-bench data shaped like real discussion and made by the real pipeline: generated items ->
 * the classifier -> the store (items, tags and their triggers). Articles 28, 40 and 24 draw most
 * citations. Every item is generated on its own and classified on its own; the store's writes run
 * in transactions of 10,000 items.
 */
import { classifyItem } from '../src/classify/classify-item.js';
import type { ClassifyResult } from '../src/domain.js';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { statement, type Db } from '../src/store/db.js';
import { syncConfiguredSources } from '../src/store/sources-store.js';
import { saveClassification } from '../src/store/tags-store.js';
import { seededRandom } from './generate.js';
import { loadKnowledge } from '../src/knowledge/load-knowledge.js';

const KNOWLEDGE = loadKnowledge();

/** The generated items are one a minute from this instant. */
export const FIRST_ITEM_MS = 1_700_000_000_000;
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

/** Items generated, classified and written (in one transaction) together. */
const BATCH = 5_000;

/** A generated item with its classification, ready to store. */
export interface ClassifiedItem { i: number; title: string; text: string; url: string; result: ClassifyResult }

/** Generates and classifies items `from` to `to` - 1; each batch has a random stream of its own, so batches can be made in any order. */
export function classifyBatch(seed: number, from: number, to: number): ClassifiedItem[] {
  const random = seededRandom(Math.imul(seed ^ from, 0x9e3779b1));
  const items: ClassifiedItem[] = [];
  for (let i = from; i < to; i++) {
    const text = generateSkewedText(random, TREATY_SHARE);
    const title = `${text.split('.')[0]!.slice(0, 120)} (${i})`;
    const url = `https://news.example.org/${i}`;
    items.push({ i, title, text, url, result: classifyItem({ id: String(i), title, text, url, publisher: 'bench', published: '2025-10-01' }, KNOWLEDGE) });
  }
  return items;
}

/** Options of a fill: item spacing (one a minute by default) and a progress callback. */
export interface FillOptions { spacingMs?: number; onProgress?: (done: number) => void }

/** Writes classified items in one transaction, as a poll does: the item, then its classification (tags, relevance). Returns how many are relevant. */
function storeBatch(db: Db, items: readonly ClassifiedItem[], spacingMs: number): number {
  const insert = statement(db, `INSERT INTO items (source_id, dedupe_key, title, summary, text, url, canonical_url, published_at_ms, fetched_at_ms, content_hash)
    VALUES ('bench', @key, @title, @summary, '', @url, @url, @at, @at, @key)`);
  return db.transaction(() => {
    let relevant = 0;
    for (const { i, title, text, url, result } of items) {
      const at = FIRST_ITEM_MS + i * spacingMs;
      const id = Number(insert.run({ key: `k${i}`, title, summary: text, url, at }).lastInsertRowid);
      saveClassification(db, id, result, at);
      if (result.relevant) relevant++;
    }
    return relevant;
  })();
}

function addBenchSource(db: Db): void {
  syncConfiguredSources(db, [{ id: 'bench', name: 'Bench', publisher: 'bench', kind: 'feed', url: 'http://127.0.0.1/' }], 'operator', 0);
}

/** Stores `count` generated items, each classified on its own, through the store's own tag writes; returns how many are relevant. */
export function fillSkewedStore(db: Db, count: number, seed: number, opts: FillOptions = {}): number {
  addBenchSource(db);
  let relevant = 0;
  for (let from = 0; from < count; from += BATCH) {
    const to = Math.min(count, from + BATCH);
    relevant += storeBatch(db, classifyBatch(seed, from, to), opts.spacingMs ?? 60_000);
    opts.onProgress?.(to);
  }
  return relevant;
}

/**
 * Stores the same items as fillSkewedStore, with generation and classification on worker threads
 * (`classify-worker.js`, one per core) while this thread writes batches in order. Needs the
 * compiled bench.
 */
export async function fillSkewedStoreParallel(db: Db, count: number, seed: number, opts: FillOptions = {}): Promise<number> {
  addBenchSource(db);
  const batches = Array.from({ length: Math.ceil(count / BATCH) }, (_, b) => [b * BATCH, Math.min(count, (b + 1) * BATCH)] as const);
  if (batches.length === 0) return 0;
  const ready = new Map<number, ClassifiedItem[]>();
  const workers = Array.from({ length: Math.max(1, Math.min(availableParallelism(), 4)) }, () => new Worker(new URL('./classify-worker.js', import.meta.url)));
  let next = 0;
  let relevant = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let stored = 0;
      const give = (worker: Worker) => {
        // At most a few batches wait to be written, so memory stays bounded.
        if (next >= batches.length || ready.size >= workers.length * 2) return false;
        const b = next++;
        worker.postMessage({ seed, batch: b, from: batches[b]![0], to: batches[b]![1] });
        return true;
      };
      const idle = new Set<Worker>();
      for (const worker of workers) {
        worker.on('error', reject);
        worker.on('message', ({ batch, items }: { batch: number; items: ClassifiedItem[] }) => {
          ready.set(batch, items);
          idle.add(worker);
          while (ready.has(stored)) {
            relevant += storeBatch(db, ready.get(stored)!, opts.spacingMs ?? 60_000);
            ready.delete(stored);
            opts.onProgress?.(batches[stored]![1]);
            stored++;
          }
          for (const w of [...idle]) if (give(w)) idle.delete(w);
          if (stored === batches.length) resolve();
        });
        give(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return relevant;
}
