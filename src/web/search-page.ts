import type { ArticleTables } from '../knowledge/article-tables.js';
import type { Db } from '../store/db.js';
import { displayRef } from '../treaty/parse-command-ref.js';
import { searchTreaty } from '../treaty/search-treaty.js';
import { itemLink } from './article-page.js';
import { html } from './html.js';
import { renderPage } from './render-page.js';

/** Matches listed per kind on the search page. */
export const SEARCH_PAGE_LIMIT = 25;

/** Returns the search page for `words`: matching provisions of the treaty text, then items. */
export function renderSearchPage(db: Db, tables: ArticleTables, words: string): string {
  const result = words.trim() === '' ? null : searchTreaty(db, tables, words, SEARCH_PAGE_LIMIT);
  let body = html`<h1>Search</h1><p class="muted">Words to find in tracked items and the convention's text; "quoted words" for a phrase.</p>`;
  if (result !== null) {
    const provisions = result.provisions.map((p) => {
      const [article, paragraph, letter] = p.ref.split('.');
      return html`<li><a href="/article/${p.ref}">${displayRef(Number(article), paragraph ? Number(paragraph) : null, letter ?? null)}</a> (${p.title}): ${p.snippet}</li>\n`;
    });
    const items = result.items.map((i) => html`<li>${itemLink(i.title, i.url)} <span class="muted">— ${i.sourceName}${i.publishedAtMs === null ? '' : ` · ${new Date(i.publishedAtMs).toISOString().slice(0, 10)}`}</span><br><span class="context">${i.snippet}</span></li>\n`);
    body = html`<h1>Search: ${words.trim()}</h1>
${result.broadened ? html`<p class="muted">Nothing matched every word; showing matches of any word.</p>` : ''}
<h2>In the convention</h2>${provisions.length > 0 ? html`<ul class="items" id="provisions">${provisions}</ul>` : html`<p class="muted">No provision matches (or the official text is not imported).</p>`}
<h2>In tracked items</h2>${items.length > 0 ? html`<ul class="items" id="results">${items}</ul>` : html`<p>No item matches.</p>`}`;
  }
  return renderPage({ title: 'Search', body, query: words });
}
