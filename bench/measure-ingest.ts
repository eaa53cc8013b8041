import Parser from 'rss-parser';
import { join } from 'node:path';
import { parseSourceBody } from '../src/parse/parse-source.js';
import { assignDedupeKeys } from '../src/poll/dedupe-key.js';
import { tagAndRoute } from '../src/poll/tag-and-route.js';
import { openDatabase } from '../src/store/db.js';
import { insertNewItems } from '../src/store/items-store.js';
import { syncConfiguredSources } from '../src/store/sources-store.js';
import { generateFeed, seededRandom } from './generate.js';
import { round, type Figure } from './run.js';

const FEEDS = 20;
const ITEMS_PER_FEED = 200;
/** About one entry in ten is about the treaty in the feeds we poll (the labelled dev set has 4 of 64). */
const TYPICAL_TREATY_SHARE = 0.1;

/**
 * Ingest (parse + classify + store) throughput next to raw rss-parser throughput on the same feeds:
 * for a typical mix (the budgeted figure) and for feeds where every entry is about the treaty and
 * cites articles (the slow path, shown without a budget).
 */
export async function measureIngest(dir: string, seed: number): Promise<Figure[]> {
  const typical = await measureMix(join(dir, 'ingest-typical.db'), seed, TYPICAL_TREATY_SHARE);
  const treaty = await measureMix(join(dir, 'ingest-treaty.db'), seed, 1);
  return [
    {
      name: `ingest throughput (parse + classify + store), ${TYPICAL_TREATY_SHARE * 100}% treaty items`, value: round(typical.ingestPerS), unit: 'items/s',
      baseline: { name: 'raw rss-parser parse, same feeds', value: round(typical.rawPerS) },
      budget: '>= 0.5 x raw parse', met: typical.ingestPerS >= 0.5 * typical.rawPerS,
    },
    { name: 'ingest / raw parse ratio, typical mix', value: round(typical.ingestPerS / typical.rawPerS), unit: 'x', baseline: null, budget: '>= 0.5', met: typical.ingestPerS >= 0.5 * typical.rawPerS },
    {
      name: 'ingest throughput, every item about the treaty', value: round(treaty.ingestPerS), unit: 'items/s',
      baseline: { name: 'raw rss-parser parse, same feeds', value: round(treaty.rawPerS) }, budget: null, met: null,
    },
  ];
}

async function measureMix(dbPath: string, seed: number, treatyShare: number): Promise<{ ingestPerS: number; rawPerS: number }> {
  const random = seededRandom(seed);
  const feeds = Array.from({ length: FEEDS }, (_, i) => generateFeed(random, i, ITEMS_PER_FEED, treatyShare));
  const total = FEEDS * ITEMS_PER_FEED;

  const parser = new Parser();
  await parser.parseString(feeds[0]!); // warm-up
  let t = performance.now();
  for (const body of feeds) await parser.parseString(body);
  const rawPerS = total / ((performance.now() - t) / 1000);

  const db = openDatabase(dbPath);
  syncConfiguredSources(db, feeds.map((_, i) => ({ id: `bench-${i}`, name: `b${i}`, publisher: 'bench', kind: 'feed' as const, url: `http://127.0.0.1/${i}` })), 'operator', 0);
  t = performance.now();
  for (let i = 0; i < feeds.length; i++) {
    const source = { id: `bench-${i}`, kind: 'feed' as const, selectors: null };
    const parsed = await parseSourceBody(source, feeds[i]!, { url: `http://127.0.0.1/${i}` });
    const keyed = assignDedupeKeys(parsed.items);
    db.transaction(() => {
      const items = insertNewItems(db, source.id, keyed, { deliverable: true, fetchedAtMs: Date.now() });
      tagAndRoute(db, items, Date.now());
    })();
  }
  const ingestPerS = total / ((performance.now() - t) / 1000);
  db.close();
  return { ingestPerS, rawPerS };
}
