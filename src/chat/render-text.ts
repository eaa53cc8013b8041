import type { Block, Message, Span } from './message.js';

/**
 * Returns a Message as readable plain text: the console adapter's output and the plain fallback
 * (Slack `text`, Matrix `body`). Links are written as "text <url>" so nothing is hidden behind them.
 */
export function renderPlainText(message: Message): string {
  return message.blocks.map(renderBlock).filter((s) => s !== '').join('\n');
}

function renderBlock(block: Block): string {
  switch (block.type) {
    case 'heading':
      return block.text.toUpperCase() === block.text ? block.text : `== ${block.text} ==`;
    case 'paragraph':
    case 'context':
      return renderSpans(block.spans);
    case 'list':
      return block.items.map((spans) => `  • ${renderSpans(spans)}`).join('\n');
    case 'quote':
      return block.text.split('\n').map((l) => `  > ${l}`).join('\n');
    case 'fields':
      return block.fields.map((f) => `${f.label}: ${f.value}`).join('\n');
    case 'divider':
      return '----';
  }
}

/** Returns spans as plain text, each link followed by its URL in angle brackets. */
export function renderSpans(spans: readonly Span[]): string {
  return spans.map((s) => (s.url && s.url !== s.text ? `${s.text} <${s.url}>` : s.text)).join('');
}
