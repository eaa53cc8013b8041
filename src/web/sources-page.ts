import { formatDate } from '../deliver/build-digest.js';
import { describeSourceHealth } from '../poll/source-health.js';
import type { Db } from '../store/db.js';
import { listSources } from '../store/sources-store.js';
import { html } from './html.js';
import { renderPage } from './render-page.js';

/** Returns a source URL fit to show anyone: scheme, host and path only (no credentials, query or fragment). */
export function publicSourceUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '';
  }
}

/** Returns the sources page: each source's state, last success, errors and address (without query or credentials). */
export function renderSourcesPage(db: Db, nowMs: number): string {
  const rows = listSources(db).map((s) => {
    const h = describeSourceHealth(db, s, nowMs);
    return html`<tr><td>${s.name}<br><span class="muted">${s.publisher} · ${s.kind}</span></td><td class="state-${h.state}">${h.state}</td>
<td>${h.lastSuccessAtMs === null ? 'never' : formatDate(h.lastSuccessAtMs, 'UTC')}</td><td>${h.lastNewAtMs === null ? '' : formatDate(h.lastNewAtMs, 'UTC')}</td>
<td>${h.errorCount > 0 ? `${h.errorCount} in a row` : ''}</td><td><code>${publicSourceUrl(s.url)}</code></td></tr>\n`;
  });
  const body = html`<h1>Sources</h1>
<p class="muted">Where items come from and how each source is doing. A source is stale when it fetches fine but has had nothing new for far longer than usual.</p>
<table id="source-list"><tr><th>Source</th><th>State</th><th>Last success</th><th>Last new item</th><th>Errors</th><th>Address</th></tr>
${rows}</table>`;
  return renderPage({ title: 'Sources', body });
}
