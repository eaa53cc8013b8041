import { concernName } from '../deliver/concern-names.js';
import { formatDate } from '../deliver/build-digest.js';
import { displayRef, parseCommandRef } from '../treaty/parse-command-ref.js';
import type { Knowledge } from '../knowledge/load-knowledge.js';
import type { Db } from '../store/db.js';
import { listQuotedItemsForArticle } from '../store/tracker-store.js';
import { lookupArticle, type ArticleLookup } from '../treaty/lookup-article.js';
import { html, safeHref, type Html } from './html.js';
import { renderPage } from './render-page.js';
import { WEEK_MS } from './week-window.js';

/** Most citing items one article page lists. */
export const ARTICLE_PAGE_ITEMS = 100;

/** A page the request cannot have: the status and a sentence saying why. */
export class PageError extends Error {
  constructor(readonly status: 404 | 400, message: string) {
    super(message);
    this.name = 'PageError';
  }
}

/** Returns the page of an article or provision ("28", "28.4"): title, chapter, official text, zero-draft number, citing items with quotes; `week` (a Monday, YYYY-MM-DD) narrows the items to that week. */
export function renderArticlePage(db: Db, knowledge: Pick<Knowledge, 'articles' | 'concerns'>, refText: string, week: string | null): string {
  const parsed = parseCommandRef(knowledge.articles, refText, 'final');
  if (!parsed.ok) throw new PageError(404, parsed.error);
  let lookup: ArticleLookup;
  try {
    lookup = lookupArticle(db, knowledge.articles, parsed.ref);
  } catch (err) {
    throw new PageError(404, err instanceof Error ? err.message.replace(/^treaty: /, '') : 'No such article.');
  }
  const fromMs = week === null ? undefined : parseWeek(week);
  const items = listQuotedItemsForArticle(db, {
    article: lookup.article, ref: lookup.ref, fromMs, toMs: fromMs === undefined ? undefined : fromMs + WEEK_MS, limit: ARTICLE_PAGE_ITEMS,
  });
  const name = displayRef(lookup.article, lookup.paragraph, lookup.letter);
  const body = html`<h1>${name}: ${lookup.title}</h1>
<table><tr><th>Chapter</th><td>${lookup.chapter}. ${lookup.chapterTitle}</td></tr>
<tr><th>Zero draft (A/AC.291/22)</th><td>${lookup.zeroDraft ? `Article ${lookup.zeroDraft.article} (${lookup.zeroDraft.title})` : 'not in the zero draft'}</td></tr>
<tr><th>Items citing Article ${lookup.article}</th><td>${lookup.taggedItems}</td></tr>
${lookup.concerns.length > 0 ? html`<tr><th>Concerns raised</th><td>${lookup.concerns.slice(0, 8).map((c) => html`<a class="tag" href="/concern/${c.concern}">${concernName(knowledge.concerns, c.concern)} (${c.count})</a> `)}</td></tr>` : ''}
</table>
${renderOfficialText(lookup)}
<h2 id="items">${week === null ? 'What was said' : `What was said in the week of ${week}`}</h2>
${week === null ? '' : html`<p class="muted"><a href="/article/${lookup.ref}">All weeks</a></p>`}
${items.length === 0 ? html`<p>No tagged items${week === null ? '' : ' that week'}.</p>` : html`<ul class="items">${items.map((i) => html`<li>${itemLink(i.title, i.url)} <span class="muted">— ${i.sourceName} · ${formatDate(i.dateMs, 'UTC')}${i.ref !== lookup.ref ? ` · Art. ${i.ref}` : ''}</span>
${i.sentence ? html`<blockquote>${i.sentence}</blockquote>` : ''}</li>\n`)}</ul>`}
<p class="context">${lookup.links.map((l) => html`<a href="${l.url}" rel="noopener noreferrer">${l.label}</a> · `)}Feeds of this ${lookup.paragraph === null ? 'article' : 'provision'}: <a href="/feeds/article/${lookup.ref}.atom">Atom</a>, <a href="/feeds/article/${lookup.ref}.json">JSON</a></p>`;
  return renderPage({ title: name, body, feeds: [{ title: `treatywatch: ${name}`, path: `/feeds/article/${lookup.ref}` }] });
}

/** Returns an item's title, linked to the original when its URL is http(s). */
export function itemLink(title: string, url: string | null): Html {
  const href = safeHref(url);
  const text = title.trim() || '(untitled)';
  return href ? html`<a href="${href}" rel="noopener noreferrer">${text}</a>` : html`${text}`;
}

function renderOfficialText(lookup: ArticleLookup): Html {
  if (lookup.officialText.length === 0) {
    return html`<h2>Official text</h2><p class="muted">${lookup.textImported ? 'No stored text under this reference.' : 'The official text has not been imported yet (treatywatch treaty import).'}</p>`;
  }
  return html`<h2>Official text</h2><div class="official">${lookup.officialText.map((p) => html`<p>${p.letter !== null ? `(${p.letter}) ` : p.paragraph !== null ? `${p.paragraph}. ` : ''}${p.text}</p>`)}</div>`;
}

function parseWeek(week: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(week) ? Date.parse(`${week}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms)) throw new PageError(400, 'week must be a date such as 2026-11-23');
  return ms;
}
