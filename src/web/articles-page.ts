import type { Db } from '../store/db.js';
import { countArticleMentionsByWeek } from '../store/tracker-store.js';
import type { ArticleTables } from '../knowledge/article-tables.js';
import { html } from './html.js';
import { renderPage } from './render-page.js';
import { lastWeeks, weekLabel } from './week-window.js';

/** Weeks the heat map shows, this one last. */
export const HEAT_MAP_WEEKS = 12;
const SHADES = 5;

/** Returns the heat map: articles by week over the last 12 weeks, each cell's shade its mention count, each cell a link to those items. */
export function renderArticlesPage(db: Db, tables: ArticleTables, nowMs: number): string {
  const window = lastWeeks(nowMs, HEAT_MAP_WEEKS);
  const counts = new Map<string, number>();
  let max = 0;
  for (const c of countArticleMentionsByWeek(db, window)) {
    counts.set(`${c.key}:${c.week}`, c.count);
    max = Math.max(max, c.count);
  }
  const weeks = Array.from({ length: HEAT_MAP_WEEKS }, (_, i) => i);
  // A square-root scale keeps a few much-discussed articles from washing out the rest.
  const shade = (n: number) => (n === 0 ? 0 : Math.max(1, Math.ceil((Math.sqrt(n) / Math.sqrt(max)) * SHADES)));
  const rows = tables.final.map((a) => html`<tr><th class="article" title="${a.title}"><a href="/article/${a.number}">Art. ${a.number}</a> <span class="muted">${a.title}</span></th>${weeks.map((w) => {
    const n = counts.get(`${a.number}:${w}`) ?? 0;
    const label = `Article ${a.number}, week of ${weekLabel(window, w)}: ${n} item${n === 1 ? '' : 's'}`;
    return n === 0
      ? html`<td class="h0" title="${label}"></td>`
      : html`<td class="h${shade(n)}" title="${label}"><a href="/article/${a.number}?week=${weekLabel(window, w)}" aria-label="${label}">${n}</a></td>`;
  })}</tr>\n`);
  const body = html`<h1>Articles by week</h1>
<p class="muted">Relevant items citing each article of the final text, per week (Monday to Sunday, UTC) over the last ${HEAT_MAP_WEEKS} weeks. Darker is more. Each cell links to its items.</p>
<table class="heat" id="heatmap">
<tr><th>Article</th>${weeks.map((w) => html`<th><time datetime="${weekLabel(window, w)}">${weekLabel(window, w).slice(5)}</time></th>`)}</tr>
${rows}</table>`;
  return renderPage({ title: 'Articles by week', body });
}
