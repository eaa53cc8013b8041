import { join } from 'node:path';
import { openDatabase } from '../src/store/db.js';
import { loadItemDigestFacts } from '../src/store/deliveries-store.js';
import { countArticleMentionsByWeek, groupArticleMentionsByWeek, listNewestItemIds } from '../src/store/tracker-store.js';
import { renderArticlePage } from '../src/web/article-page.js';
import { renderArticlesPage } from '../src/web/articles-page.js';
import { buildFeed, FEED_ITEMS } from '../src/web/build-feed.js';
import { renderHomePage } from '../src/web/home-page.js';
import { readWeeklyChartData, renderWeeklyChartPng } from '../src/web/render-weekly-chart.js';
import { resolveFeed } from '../src/web/resolve-feed.js';
import { lastWeeks } from '../src/web/week-window.js';
import { seededRandom } from './generate.js';
import { fillItems, ITEMS } from './measure-lookup.js';
import { percentile, round, type Figure } from './run.js';
import { loadKnowledge } from '../src/knowledge/load-knowledge.js';

const KNOWLEDGE = loadKnowledge();

const RENDERS = 30;
// The generated items are one a minute from this instant; "now" is just after the last one.
const FIRST_ITEM_MS = 1_700_000_000_000;

/** Tracker render times with 100k stored items (home, heat map, article page, feeds, weekly chart), each next to the bare query under it. */
export function measureWeb(dir: string, seed: number): Figure[] {
  const db = openDatabase(join(dir, 'web.db'));
  fillItems(db, seed);
  const NOW_MS = FIRST_ITEM_MS + ITEMS * 60_000;
  const random = seededRandom(seed + 2);
  const refs = Array.from({ length: RENDERS }, () => String(1 + Math.floor(random() * 68)));
  const feeds = Array.from({ length: RENDERS }, (_, i) => ['/feeds/all.atom', `/feeds/article/${refs[i]}.json`, '/feeds/concern/surveillance.atom'][i % 3]!);
  renderHomePage(db, KNOWLEDGE, NOW_MS); // warm-up: statements prepared, pages touched

  const home = time(RENDERS, () => renderHomePage(db, KNOWLEDGE, NOW_MS));
  const heat = time(RENDERS, () => renderArticlesPage(db, KNOWLEDGE.articles, NOW_MS));
  // Paired: the counts kept per (article, week) and the grouping of every tagged item they replace.
  const heatSql: number[] = [];
  const heatGroup: number[] = [];
  for (let i = 0; i < RENDERS; i++) {
    heatSql.push(...time(1, () => countArticleMentionsByWeek(db, lastWeeks(NOW_MS, 12))));
    heatGroup.push(...time(1, () => groupArticleMentionsByWeek(db, lastWeeks(NOW_MS, 12))));
  }
  const article = time(RENDERS, (i) => renderArticlePage(db, KNOWLEDGE, refs[i]!, null));
  const feed = time(RENDERS, (i) => {
    const resolved = resolveFeed(KNOWLEDGE, feeds[i]!);
    if (resolved === null || 'error' in resolved) throw new Error(`bench: bad feed path ${feeds[i]}`);
    buildFeed(resolved.spec, loadItemDigestFacts(db, listNewestItemIds(db, resolved.filter, FEED_ITEMS)), resolved.format, 'https://tracker.example/', KNOWLEDGE.concerns);
  });
  const feedSql = time(RENDERS, (i) => listNewestItemIds(db, { ref: refs[i]! }, FEED_ITEMS));
  const chart = time(5, () => renderWeeklyChartPng(readWeeklyChartData(db, KNOWLEDGE.concerns, NOW_MS)));
  db.close();
  const figure = (name: string, samples: number[], base: { name: string; samples: number[] } | null, budgetMs: number | null): Figure => ({
    name, value: round(percentile(samples, 50)), unit: 'ms',
    baseline: base && { name: base.name, value: round(percentile(base.samples, 50)) },
    budget: budgetMs === null ? null : `p99 < ${budgetMs} ms (p99 ${round(percentile(samples, 99))})`,
    met: budgetMs === null ? null : percentile(samples, 99) < budgetMs,
  });
  return [
    figure('tracker home page p50 (100k items)', home, null, 100),
    figure('tracker heat map p50 (100k items)', heat, { name: 'kept counts read p50', samples: heatSql }, 100),
    figure('heat map counts p50, 12 weeks x 68 articles (100k items)', heatSql, { name: 'grouping every tagged item p50', samples: heatGroup }, null),
    figure('tracker article page p50 (100k items)', article, null, 50),
    figure('tracker feed p50 (Atom/JSON, 50 entries)', feed, { name: 'bare id query p50', samples: feedSql }, 50),
    figure('weekly chart PNG p50', chart, null, null),
  ];
}

function time(count: number, fn: (i: number) => unknown): number[] {
  return Array.from({ length: count }, (_, i) => {
    const t = performance.now();
    fn(i);
    return performance.now() - t;
  });
}
