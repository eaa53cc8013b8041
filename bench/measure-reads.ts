import { answerArticle } from '../src/commands/answer-article.js';
import { answerSearch } from '../src/commands/answer-search.js';
import { seededRandom } from './generate.js';
import { percentile, type Sampled } from './samples.js';
import { fillSkewedStoreParallel, skewedArticle } from './skewed-store.js';
import { openFilledStore } from './store-cache.js';
import { loadKnowledge } from '../src/knowledge/load-knowledge.js';

const KNOWLEDGE = loadKnowledge();

const LOOKUPS = 1_000;
const SEARCHES = 300;
const ROUNDS = 3;
const WORDS = ['surveillance', 'safeguards', 'traffic data', 'encryption', 'dual criminality', 'human rights', 'ratifications', 'article', 'convention', 'cybercrime convention article', 'journalists speech'];

/**
 * `article` lookup and `search` latency over `items` stored items with skewed citations: p99 of each
 * of three rounds (warmed up first), next to the bare SQL/FTS5 statement the answer rests on.
 */
export async function measureReads(seed: number, items: number): Promise<Sampled[]> {
  const { db, relevant, fillMs, cached } = await openFilledStore(items, seed, (fresh) =>
    fillSkewedStoreParallel(fresh, items, seed, { onProgress: (done) => process.stderr.write(`  stored ${done}/${items}\r`) }));
  const fillS = Math.round(fillMs / 100) / 10;
  process.stderr.write(`  ${items} items (${relevant} relevant), ${cached ? `filled in ${fillS} s by an earlier run, from the bench cache` : `filled in ${fillS} s`}\n`);
  const random = seededRandom(seed + 1);
  // Half the lookups ask for a famous article, as users do; the rest any article.
  const refs = Array.from({ length: LOOKUPS }, () => {
    const article = random() < 0.5 ? skewedArticle(random) : 1 + Math.floor(random() * 68);
    return random() < 0.5 ? String(article) : `${article}.${1 + Math.floor(random() * 4)}`;
  });
  const queries = Array.from({ length: SEARCHES }, () => WORDS[Math.floor(random() * WORDS.length)]!);
  for (const ref of refs.slice(0, 100)) answerArticle(db, KNOWLEDGE.articles, ref);
  for (const q of queries.slice(0, 30)) answerSearch(db, KNOWLEDGE.articles, q);
  const latest = db.prepare('SELECT item_id FROM article_latest WHERE article = ? ORDER BY at_ms DESC, item_id DESC LIMIT 5');
  const fts = db.prepare('SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rank LIMIT 10');

  const large = items >= 1_000_000;
  const lookup: number[] = [];
  const rawLookup: number[] = [];
  const search: number[] = [];
  const rawSearch: number[] = [];
  const lookupP50: number[] = [];
  const searchP50: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Paired: the answer and its bare statement take turns on the same inputs.
    const l = time(refs, (ref) => answerArticle(db, KNOWLEDGE.articles, ref));
    const rl = time(refs, (ref) => latest.all(Number(ref.split('.')[0])));
    const s = time(queries, (q) => answerSearch(db, KNOWLEDGE.articles, q));
    // FTS5's own ORDER BY rank scores every match; at 1M items that is seconds a query, so only at 100k.
    const rs = large ? [] : time(queries, (q) => fts.all(q.split(' ').map((w) => `"${w}"`).join(' ')));
    lookup.push(percentile(l, 99));
    lookupP50.push(percentile(l, 50));
    rawLookup.push(percentile(rl, 99));
    search.push(percentile(s, 99));
    searchP50.push(percentile(s, 50));
    if (!large) rawSearch.push(percentile(rs, 99));
  }
  db.close();
  const at = large ? `${items / 1_000_000}M` : `${items / 1000}k`;
  const suffix = large ? '1m' : '';
  return [
    { key: null, name: `fill of ${at} items: generator, classifier, store${cached ? ' (an earlier run; store cached)' : ''}`, unit: 's', samples: [fillS], baseline: null },
    { key: `lookup${suffix}_p99_ms`, name: `article lookup p99, ${at} items, skewed`, unit: 'ms', samples: lookup, baseline: { name: 'bare index walk p99', samples: rawLookup } },
    { key: null, name: `article lookup p50, ${at} items`, unit: 'ms', samples: lookupP50, baseline: null },
    // The search budget is at 100k items; at 1M the figure is shown without one.
    { key: large ? null : 'search_p99_ms', name: `search p99, ${at} items`, unit: 'ms', samples: search, baseline: large ? null : { name: 'FTS5 ORDER BY rank top-10, every match scored, p99', samples: rawSearch } },
    { key: null, name: `search p50, ${at} items`, unit: 'ms', samples: searchP50, baseline: null },
  ];
}

function time<T>(inputs: readonly T[], fn: (input: T) => unknown): number[] {
  return inputs.map((input) => {
    const t = performance.now();
    fn(input);
    return performance.now() - t;
  });
}
