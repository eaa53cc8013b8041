import Parser from 'rss-parser';
import { join } from 'node:path';
import { parseSourceBody } from '../src/parse/parse-source.js';
import { assignDedupeKeys } from '../src/parse/dedupe-key.js';
import { storeAndTagNewItems } from '../src/poll/tag-and-route.js';
import { openDatabase } from '../src/store/db.js';
import { syncConfiguredSources } from '../src/store/sources-store.js';
import { generateFeed, seededRandom } from './generate.js';
import type { Sampled } from './samples.js';
import { loadKnowledge } from '../src/knowledge/load-knowledge.js';
import { classifyItem } from '../src/classify/classify-item.js';
import { percentile } from './samples.js';

const KNOWLEDGE = loadKnowledge();

const FEEDS = 20;
const ITEMS_PER_FEED = 200;
const RUNS = 3;
/** About one entry in ten is about the treaty in the feeds we poll (the labelled dev set has 4 of 64). */
const TYPICAL_TREATY_SHARE = 0.1;

/**
 * Ingest (parse + classify + store) throughput next to raw rss-parser throughput on the same feeds:
 * for a typical mix (the budgeted figure) and for feeds where every entry is about the treaty and
 * cites articles (the slow path, shown without a budget).
 */
export async function measureIngest(dir: string, seed: number): Promise<Sampled[]> {
  const typical = await measureMix(dir, 'typical', seed, TYPICAL_TREATY_SHARE);
  const treaty = await measureMix(dir, 'treaty', seed, 1);
  return [
    {
      key: 'ingest_ratio', name: `ingest / raw rss-parser, ${TYPICAL_TREATY_SHARE * 100}% treaty items`, unit: 'x',
      samples: typical.map((r) => r.ingestPerS / r.rawPerS), baseline: null,
    },
    {
      key: null, name: `ingest throughput (parse + classify + store), ${TYPICAL_TREATY_SHARE * 100}% treaty items`, unit: 'items/s',
      samples: typical.map((r) => r.ingestPerS), baseline: { name: 'raw rss-parser parse, same feeds', samples: typical.map((r) => r.rawPerS) },
    },
    {
      key: null, name: 'ingest throughput, every item about the treaty', unit: 'items/s',
      samples: treaty.map((r) => r.ingestPerS), baseline: { name: 'raw rss-parser parse, same feeds', samples: treaty.map((r) => r.rawPerS) },
    },
    { key: null, name: `classify one item, ${TYPICAL_TREATY_SHARE * 100}% treaty items (median item)`, unit: 'ms', samples: typical.map((r) => r.classifyMs), baseline: null },
    { key: null, name: 'classify one item about the treaty (median item)', unit: 'ms', samples: treaty.map((r) => r.classifyMs), baseline: null },
  ];
}

/** Warms both up, then times raw parse and ingest in turn, RUNS times, each ingest into a fresh database. */
async function measureMix(dir: string, name: string, seed: number, treatyShare: number): Promise<{ ingestPerS: number; rawPerS: number; classifyMs: number }[]> {
  const random = seededRandom(seed);
  const feeds = Array.from({ length: FEEDS }, (_, i) => generateFeed(random, i, ITEMS_PER_FEED, treatyShare));
  const total = FEEDS * ITEMS_PER_FEED;
  const parser = new Parser();
  for (const body of feeds.slice(0, 5)) await parser.parseString(body);
  await ingest(join(dir, `ingest-${name}-warm.db`), feeds.slice(0, 5));
  const inputs = await classifierInputs(feeds);
  const out: { ingestPerS: number; rawPerS: number; classifyMs: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t = performance.now();
    for (const body of feeds) await parser.parseString(body);
    const rawPerS = total / ((performance.now() - t) / 1000);
    const ingestPerS = total / ((await ingest(join(dir, `ingest-${name}-${run}.db`), feeds)) / 1000);
    out.push({ ingestPerS, rawPerS, classifyMs: medianClassifyMs(inputs) });
  }
  return out;
}

/** Parses, keys, stores, classifies and routes the feeds as a poll does; returns the milliseconds taken. */
async function ingest(dbPath: string, feeds: readonly string[]): Promise<number> {
  const db = openDatabase(dbPath);
  syncConfiguredSources(db, feeds.map((_, i) => ({ id: `bench-${i}`, name: `b${i}`, publisher: 'bench', kind: 'feed' as const, url: `http://127.0.0.1/${i}` })), 'operator', 0);
  const t = performance.now();
  for (let i = 0; i < feeds.length; i++) {
    const source = { id: `bench-${i}`, kind: 'feed' as const, selectors: null };
    const parsed = await parseSourceBody(source, feeds[i]!, { url: `http://127.0.0.1/${i}` });
    const keyed = assignDedupeKeys(parsed.items);
    db.transaction(() => {
      const now = Date.now();
      storeAndTagNewItems(db, KNOWLEDGE, source.id, keyed, { deliverable: true, fetchedAtMs: now }, now);
    })();
  }
  const ms = performance.now() - t;
  db.close();
  return ms;
}

// The classifier's input for every entry of the feeds, as a poll gives it.
async function classifierInputs(feeds: readonly string[]): Promise<{ title: string; text: string; published: string | null }[]> {
  const out: { title: string; text: string; published: string | null }[] = [];
  for (const body of feeds) {
    const parsed = await parseSourceBody({ id: 'bench', kind: 'feed', selectors: null }, body, { url: 'http://127.0.0.1/' });
    for (const item of parsed.items) out.push({ title: item.title, text: item.text, published: item.publishedAtMs === null ? null : new Date(item.publishedAtMs).toISOString().slice(0, 10) });
  }
  return out;
}

// Returns the median time to classify one of the items.
function medianClassifyMs(inputs: readonly { title: string; text: string; published: string | null }[]): number {
  const ms: number[] = [];
  for (const input of inputs) {
    const t = performance.now();
    classifyItem(input, KNOWLEDGE);
    ms.push(performance.now() - t);
  }
  return percentile(ms, 50);
}
