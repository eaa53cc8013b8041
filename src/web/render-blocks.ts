import type { Block, Span } from '../chat/message.js';
import { html, safeHref, type Html } from './html.js';

/** Returns a Message's blocks as HTML (the first heading at `level`, later ones below it); text is escaped, links are http(s) only. */
export function renderBlocks(blocks: readonly Block[], level: 2 | 3 = 2): Html {
  const first = blocks.findIndex((b) => b.type === 'heading');
  return html`${blocks.map((b, i) => renderBlock(b, i === first ? level : 3))}`;
}

function renderBlock(block: Block, level: 2 | 3): Html {
  switch (block.type) {
    case 'heading':
      return level === 2 ? html`<h2>${block.text}</h2>\n` : html`<h3>${block.text}</h3>\n`;
    case 'paragraph':
      return html`<p>${renderSpans(block.spans)}</p>\n`;
    case 'list':
      return html`<ul class="items">${block.items.map((spans) => html`<li>${renderSpans(spans)}</li>`)}</ul>\n`;
    case 'quote':
      return html`<blockquote>${block.text}</blockquote>\n`;
    case 'fields':
      return html`<table>${block.fields.map((f) => html`<tr><th>${f.label}</th><td>${f.value}</td></tr>`)}</table>\n`;
    case 'context':
      return html`<p class="context">${renderSpans(block.spans)}</p>\n`;
    case 'divider':
      return html`<hr>\n`;
  }
}

/** Returns spans as inline HTML: links only for http(s) URLs, emphasis as b/i/code. */
export function renderSpans(spans: readonly Span[]): Html {
  return html`${spans.map((s) => {
    let inner: Html = html`${s.text}`;
    if (s.code) inner = html`<code>${inner}</code>`;
    if (s.italic) inner = html`<i>${inner}</i>`;
    if (s.bold) inner = html`<b>${inner}</b>`;
    const href = safeHref(s.url);
    return href ? html`<a href="${href}" rel="noopener noreferrer">${inner}</a>` : inner;
  })}`;
}
