import type { Block, Message, Span } from '../../src/chat/message.js';
import { mapMessageText, neutraliseChatText, neutraliseSlackMentions } from '../../src/chat/neutralise-text.js';
import { renderPlainText } from '../../src/chat/render-text.js';
import { CUT_MARKER, cutSlackText, splitSlackText } from './cut-slack-text.js';
import { buildSlackLink, escapeSlackText } from './slack-text.js';

/** Slack's limit on blocks in one message. */
export const MAX_BLOCKS_PER_MESSAGE = 50;
/** Slack's limit on a section block's text. */
export const MAX_SECTION_CHARS = 3_000;
/** Slack's limit on a header block's text. */
export const MAX_HEADER_CHARS = 150;
/** Slack's limits on a section's fields: 10 of them, 2,000 characters each. */
export const MAX_FIELDS_PER_SECTION = 10;
export const MAX_FIELD_CHARS = 2_000;
/** Slack's limit on a context block's elements. */
export const MAX_CONTEXT_CHARS = 3_000;
/** We keep the notification/fallback text short; Slack truncates beyond 40,000 anyway. */
export const MAX_FALLBACK_CHARS = 3_000;
/** Beyond this many messages a long Message is cut rather than flooding the channel. */
export const MAX_MESSAGES_PER_POST = 4;

type TextObject = { type: 'mrkdwn' | 'plain_text'; text: string; verbatim?: true };

/** The Block Kit blocks we produce. */
export type SlackBlock =
  | { type: 'header'; text: TextObject }
  | { type: 'section'; text: TextObject }
  | { type: 'section'; fields: TextObject[] }
  | { type: 'context'; elements: TextObject[] }
  | { type: 'divider' };

/** One Slack message body: Block Kit blocks plus the plain `text` used for notifications and as fallback. */
export interface SlackPayload {
  text: string;
  blocks: SlackBlock[];
}

/**
 * Returns the Slack messages for a Message: usually one; more when it has more than 50 blocks'
 * worth of content; the last one ends with a visible "(cut)" note when even that is not enough.
 */
export function renderSlackMessages(original: Message): SlackPayload[] {
  const message = mapMessageText(original, (text) => neutraliseSlackMentions(neutraliseChatText(text)));
  const blocks = message.blocks.flatMap(renderBlock);
  const groups: SlackBlock[][] = [];
  for (let i = 0; i < blocks.length; i += MAX_BLOCKS_PER_MESSAGE) {
    groups.push(blocks.slice(i, i + MAX_BLOCKS_PER_MESSAGE));
  }
  if (groups.length === 0) groups.push([]);
  if (groups.length > MAX_MESSAGES_PER_POST) {
    groups.length = MAX_MESSAGES_PER_POST;
    const last = groups[MAX_MESSAGES_PER_POST - 1]!;
    last.length = MAX_BLOCKS_PER_MESSAGE - 1;
    last.push({ type: 'context', elements: [mrkdwn(`${CUT_MARKER}: the rest did not fit in ${MAX_MESSAGES_PER_POST} messages`)] });
  }
  const summary = escapeSlackText(message.summary);
  return groups.map((group, index) => ({
    text:
      index === 0
        ? cutSlackText(escapeSlackText(renderPlainText(message)) || summary, MAX_FALLBACK_CHARS)
        : cutSlackText(`${summary} (${index + 1}/${groups.length})`, MAX_FALLBACK_CHARS),
    blocks: group,
  }));
}

function renderBlock(block: Block): SlackBlock[] {
  switch (block.type) {
    case 'heading': {
      const text = block.text.replace(/\s+/g, ' ').trim();
      if (text === '') return [];
      return [{ type: 'header', text: { type: 'plain_text', text: cutSlackText(escapeSlackText(text), MAX_HEADER_CHARS) } }];
    }
    case 'paragraph':
      return sections(renderSpans(block.spans));
    case 'list':
      return sections(block.items.map((spans) => `• ${renderSpans(spans)}`).join('\n'));
    case 'quote':
      return sections(
        block.text
          .split('\n')
          .map((line) => `>${escapeSlackText(line)}`)
          .join('\n'),
      );
    case 'fields':
      return renderFields(block.fields);
    case 'context': {
      const text = renderSpans(block.spans);
      return text.trim() === '' ? [] : [{ type: 'context', elements: [mrkdwn(cutSlackText(text, MAX_CONTEXT_CHARS))] }];
    }
    case 'divider':
      return [{ type: 'divider' }];
  }
}

/** Returns one section per 3,000 characters of text, split at safe points. */
function sections(text: string): SlackBlock[] {
  if (text.trim() === '') return [];
  return splitSlackText(text, MAX_SECTION_CHARS)
    .filter((piece) => piece.trim() !== '')
    .map((piece) => ({ type: 'section', text: mrkdwn(piece) }));
}

function renderFields(fields: { label: string; value: string }[]): SlackBlock[] {
  const out: SlackBlock[] = [];
  // Slack refuses empty text objects, so fields with neither label nor value are left out.
  const texts = fields
    .map((f) => {
      const label = escapeSlackText(f.label.replace(/\s+/g, ' ').trim());
      return `${label ? `*${label}*\n` : ''}${escapeSlackText(f.value)}`;
    })
    .filter((text) => text.trim() !== '');
  for (let i = 0; i < texts.length; i += MAX_FIELDS_PER_SECTION) {
    const chunk = texts.slice(i, i + MAX_FIELDS_PER_SECTION).map((text) => mrkdwn(cutSlackText(text, MAX_FIELD_CHARS)));
    out.push({ type: 'section', fields: chunk });
  }
  return out;
}

/** Returns spans as mrkdwn: text escaped, links only through buildSlackLink, emphasis around trimmed text. */
export function renderSpans(spans: readonly Span[]): string {
  return spans.map(renderSpan).join('');
}

function renderSpan(span: Span): string {
  const link = span.url === undefined ? null : buildSlackLink(span.url, span.text);
  let text = link ?? escapeSlackText(span.text);
  if (link === null && span.code && span.text.trim() !== '') text = `\`${text.replace(/`/g, "'")}\``;
  if (span.bold) text = emphasise(text, '*');
  if (span.italic) text = emphasise(text, '_');
  return text;
}

// Slack only honours *bold* when the markers touch the text, so spaces stay outside them.
function emphasise(text: string, marker: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text);
  if (!m || m[2] === '') return text;
  return `${m[1]}${marker}${m[2]}${marker}${m[3]}`;
}

// verbatim: Slack then links no bare URL, channel name or mention it finds in feed text on its own.
function mrkdwn(text: string): TextObject {
  return { type: 'mrkdwn', text, verbatim: true };
}
