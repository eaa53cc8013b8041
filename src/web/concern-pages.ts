import type { ConcernRules } from '../knowledge/concern-rules.js';
import { formatDate } from '../deliver/build-digest.js';
import type { Db } from '../store/db.js';
import { loadItemDigestFacts } from '../store/deliveries-store.js';
import { countConcernMentionsByWeek, listNewestItemIds } from '../store/tracker-store.js';
import { PageError, itemLink } from './article-page.js';
import { html } from './html.js';
import { renderPage } from './render-page.js';
import { lastWeeks } from './week-window.js';

/** Most items one concern page lists. */
export const CONCERN_PAGE_ITEMS = 100;
const COUNT_WEEKS = 12;

/** Returns the list of concerns, each with what it covers and its mentions over the last 12 weeks. */
export function renderConcernsPage(db: Db, rules: ConcernRules, nowMs: number): string {
  const totals = new Map<string, number>();
  for (const c of countConcernMentionsByWeek(db, lastWeeks(nowMs, COUNT_WEEKS))) totals.set(c.key, (totals.get(c.key) ?? 0) + c.count);
  const body = html`<h1>Concerns</h1>
<p class="muted">The concern taxonomy; counts are relevant items over the last ${COUNT_WEEKS} weeks.</p>
<table><tr><th>Concern</th><th>Items</th><th>What it covers</th></tr>
${rules.concerns.map((c) => html`<tr><td><a href="/concern/${c.id}">${c.name}</a></td><td>${totals.get(c.id) ?? 0}</td><td>${c.description}</td></tr>\n`)}</table>`;
  return renderPage({ title: 'Concerns', body });
}

/** Returns one concern's page: what it covers and the newest relevant items raising it, with their article tags. */
export function renderConcernPage(db: Db, rules: ConcernRules, id: string): string {
  const concern = rules.concerns.find((c) => c.id === id);
  if (!concern) throw new PageError(404, `No concern "${id}"; see /concerns.`);
  const items = loadItemDigestFacts(db, listNewestItemIds(db, { concern: id }, CONCERN_PAGE_ITEMS));
  const body = html`<h1>${concern.name}</h1>
<p>${concern.description}</p>
<h2>Latest items</h2>
${items.length === 0 ? html`<p>No items raise this concern yet.</p>` : html`<ul class="items">${items.map((i) => html`<li>${itemLink(i.title, i.url)} <span class="muted">— ${i.sourceName} · ${formatDate(i.dateMs, 'UTC')}</span>
${i.articles.map((a) => html` <a class="tag" href="/article/${a}">Art. ${a}</a>`)}</li>\n`)}</ul>`}
<p class="context">Feeds of this concern: <a href="/feeds/concern/${id}.atom">Atom</a>, <a href="/feeds/concern/${id}.json">JSON</a></p>`;
  return renderPage({ title: concern.name, body, feeds: [{ title: `treatywatch: ${concern.name}`, path: `/feeds/concern/${id}` }] });
}
