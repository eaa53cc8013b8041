import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { createEnrichWorker } from '../src/enrich/enrich-worker.js';
import { silentLogger } from '../src/log.js';
import { assignDedupeKeys } from '../src/parse/dedupe-key.js';
import { openDatabase } from '../src/store/db.js';
import { countFullTexts, requeueFullText } from '../src/store/fulltext-store.js';
import { insertNewItems } from '../src/store/items-store.js';
import { insertSource } from '../src/store/sources-store.js';
import { seededRandom } from './generate.js';
import { percentile, round, type Figure } from './run.js';
import { loadKnowledge } from '../src/knowledge/load-knowledge.js';

const KNOWLEDGE = loadKnowledge();

/** Pages enriched in the stage. */
export const ENRICH_BENCH_PAGES = 500;
const WORDS = ('convention cybercrime states article safeguards human rights data surveillance cooperation evidence ' +
  'powers interception encryption engineers negotiation delegations protocol ratification domestic law authorities').split(' ');

// A news or NGO page of about 25 KB: navigation, cookie banner, 14 body paragraphs (one citing an
// article), a related sidebar, comments and a footer.
function renderPage(random: () => number, n: number): string {
  const sentence = () => Array.from({ length: 18 }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ') + '.';
  const paragraphs = Array.from({ length: 14 }, (_, i) => (i === 11 ? `Article ${1 + Math.floor(random() * 68)} of the Convention worries us. ` : '') + `${sentence()} ${sentence()} ${sentence()}`);
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Analysis ${n}</title><script>var x=1;</script></head><body>
<div class="cookie-banner"><p>We use cookies to improve your experience.</p><button>Accept</button></div>
<header><nav><ul>${WORDS.slice(0, 8).map((w) => `<li><a href="/${w}">${w}</a></li>`).join('')}</ul></nav></header>
<main><article><h1>Analysis ${n} of the UN Convention against Cybercrime</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article>
<aside class="sidebar"><h2>Related</h2><ul><li><a href="/a">Article 24 explained</a></li><li><a href="/b">Article 45 and interception</a></li></ul></aside>
<section class="comments">${Array.from({ length: 5 }, () => `<div class="comment"><p>${sentence()}</p></div>`).join('')}</section></main>
<footer><p>© 2026 Fixture NGO</p></footer></body></html>`;
}

/**
 * Enrichment of 500 pages from a local server, four at a time with the per-host pause off (one
 * host would otherwise set the pace at one page every 2 s): pages per second, and extraction
 * time per page next to a bare linkedom parse of the same page. Peak memory is the stage's RSS.
 */
export async function measureEnrich(dir: string, seed: number): Promise<Figure[]> {
  const random = seededRandom(seed);
  const pages = Array.from({ length: ENRICH_BENCH_PAGES }, (_, n) => renderPage(random, n));
  const server = createServer((req, res) => {
    const n = Number(/^\/page\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1);
    const page = pages[n];
    if (page === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const db = openDatabase(join(dir, 'enrich.db'));
  try {
    insertSource(db, { id: 'bench', name: 'Bench', publisher: 'Bench', kind: 'feed', url: `${origin}/feed.xml` }, 'operator', 0);
    const parsed = pages.map((_, n) => ({ guid: `p${n}`, url: `${origin}/page/${n}`, title: `Analysis ${n}`, summary: 'On the UN Convention against Cybercrime.', text: '', author: null, publishedAtMs: Date.now(), kind: 'post' as const }));
    const items = insertNewItems(db, 'bench', assignDedupeKeys(parsed), { deliverable: true, fetchedAtMs: Date.now() });
    requeueFullText(db, items.map((i) => i.id), Date.now());

    const extractMs: number[] = [];
    const worker = createEnrichWorker({ knowledge: KNOWLEDGE,
      db, log: silentLogger, now: Date.now, concurrency: 4, hostIntervalMs: 0,
      onOutcome: (o) => void (o.status === 'done' && extractMs.push(o.extractMs)),
    });
    const started = performance.now();
    await worker.drain();
    const seconds = (performance.now() - started) / 1000;
    const done = countFullTexts(db, 'done');
    if (done !== ENRICH_BENCH_PAGES) throw new Error(`bench: only ${done} of ${ENRICH_BENCH_PAGES} pages were enriched`);

    const parseMs = pages.slice(0, 100).map((page) => {
      const t = performance.now();
      parseHTML(page);
      return performance.now() - t;
    });
    return [
      { name: `enrichment throughput, ${ENRICH_BENCH_PAGES} pages of ~${round(pages[0]!.length / 1024)} KB, 4 at a time`, value: round(done / seconds), unit: 'pages/s', baseline: null, budget: null, met: null },
      { name: 'extraction per page (Readability + text, on the parse worker, waiting for it included), median', value: round(percentile(extractMs, 50)), unit: 'ms', baseline: { name: 'linkedom parse alone', value: round(percentile(parseMs, 50)) }, budget: null, met: null },
      { name: 'extraction per page, p99', value: round(percentile(extractMs, 99)), unit: 'ms', baseline: null, budget: null, met: null },
    ];
  } finally {
    db.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
