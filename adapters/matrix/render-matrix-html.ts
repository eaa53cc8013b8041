import type { Block, Span } from '../../src/chat/message.js';
import { parseHttpUrl } from '../../src/parse/resolve-url.js';

/** Grey used for small print; the spec's `data-mx-color` takes a #rrggbb value. */
const CONTEXT_COLOR = '#808080';

/** Returns `text` with the five HTML-significant characters replaced by entities. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Returns the blocks as Matrix HTML, every string escaped and every link checked (http/https only). */
export function renderMatrixHtml(blocks: readonly Block[]): string {
  return blocks.map(renderBlock).join('');
}

function renderBlock(block: Block): string {
  switch (block.type) {
    case 'heading':
      return `<h4>${escapeText(block.text)}</h4>`;
    case 'paragraph':
      return `<p>${renderSpans(block.spans)}</p>`;
    case 'context':
      return `<p><font data-mx-color="${CONTEXT_COLOR}">${renderSpans(block.spans)}</font></p>`;
    case 'list':
      return `<ul>${block.items.map((spans) => `<li>${renderSpans(spans)}</li>`).join('')}</ul>`;
    case 'quote':
      return `<blockquote>${escapeText(block.text)}</blockquote>`;
    case 'fields':
      return `<p>${block.fields.map((f) => `<b>${escapeText(f.label)}:</b> ${escapeText(f.value)}`).join('<br>')}</p>`;
    case 'divider':
      return '<hr>';
  }
}

function renderSpans(spans: readonly Span[]): string {
  return spans.map(renderSpan).join('');
}

function renderSpan(span: Span): string {
  let html = escapeText(span.text);
  if (span.code) html = `<code>${html}</code>`;
  if (span.italic) html = `<em>${html}</em>`;
  if (span.bold) html = `<strong>${html}</strong>`;
  const href = span.url === undefined ? null : toSafeHref(span.url);
  // A span whose URL we refuse keeps its text: the reader still sees what the feed said.
  return href === null ? html : `<a href="${escapeHtml(href)}">${html}</a>`;
}

// Line breaks are meaningful in feed text and quotes; HTML would fold them into spaces.
function escapeText(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

/** Returns the URL normalised when it is absolute http(s), else null (javascript:, data:, relative...). */
export function toSafeHref(url: string): string | null {
  return parseHttpUrl(url)?.href ?? null;
}
