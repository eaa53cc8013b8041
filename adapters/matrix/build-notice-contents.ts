import type { Block, Message } from '../../src/chat/message.js';
import { mapBlock, mapMessageText, neutraliseChatText, neutraliseMatrixMentions } from '../../src/chat/neutralise-text.js';
import { renderPlainText } from '../../src/chat/render-text.js';
import { renderMatrixHtml } from './render-matrix-html.js';
import { sanitizeMatrixHtml } from './sanitize-matrix-html.js';

/**
 * Matrix refuses events over 65,536 bytes (client-server spec, "Size limits"), counted on the whole
 * signed event; we keep the content under half of that so the envelope and signatures always fit.
 */
export const MAX_EVENT_CONTENT_BYTES = 32 * 1024;

/** Longest link kept when a block has to be clipped. */
const MAX_URL_CHARS = 2048;

/** Below this many characters a string is not worth cutting further. */
const MIN_CLIP_CHARS = 16;

/** The content of one `m.notice` event we send. */
export interface NoticeContent {
  msgtype: 'm.notice';
  body: string;
  format: 'org.matrix.custom.html';
  formatted_body: string;
  'm.relates_to'?: { 'm.in_reply_to': { event_id: string } };
}

/** Returns the Message as one or more m.notice contents, each serialising to at most `maxBytes` of JSON. */
export function buildNoticeContents(original: Message, maxBytes = MAX_EVENT_CONTENT_BYTES): NoticeContent[] {
  const message = mapMessageText(original, (text) => neutraliseMatrixMentions(neutraliseChatText(text)));
  if (message.blocks.length === 0) return [toContent([{ type: 'paragraph', spans: [{ text: message.summary }] }])];
  const units = message.blocks.flatMap((b) => fitBlock(b, maxBytes));
  return packUnits(units, maxBytes).flatMap((chunk) => splitUntilFits(chunk, maxBytes)).map(toContent);
}

// Greedy packing on per-block sizes: the body and the HTML are concatenations of the blocks'
// renderings, so their JSON sizes add up (plus one escaped newline per block in the body).
function packUnits(units: Block[], maxBytes: number): Block[][] {
  const baseBytes = jsonBytes(toContent([]));
  const chunks: Block[][] = [];
  let current: Block[] = [];
  let currentBytes = baseBytes;
  for (const unit of units) {
    const unitBytes = jsonBytes(toContent([unit])) - baseBytes + 2;
    if (current.length > 0 && currentBytes + unitBytes > maxBytes) {
      chunks.push(current);
      current = [];
      currentBytes = baseBytes;
    }
    current.push(unit);
    currentBytes += unitBytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

// The estimate is checked against the real serialisation; a chunk that still overflows is halved.
function splitUntilFits(chunk: Block[], maxBytes: number): Block[][] {
  if (chunk.length <= 1 || fits(chunk, maxBytes)) return [chunk];
  const half = Math.ceil(chunk.length / 2);
  return [...splitUntilFits(chunk.slice(0, half), maxBytes), ...splitUntilFits(chunk.slice(half), maxBytes)];
}

function toContent(blocks: Block[]): NoticeContent {
  return {
    msgtype: 'm.notice',
    body: renderPlainText({ kind: 'reply', summary: '', blocks }),
    format: 'org.matrix.custom.html',
    formatted_body: sanitizeMatrixHtml(renderMatrixHtml(blocks)),
  };
}

function fits(blocks: Block[], maxBytes: number): boolean {
  return jsonBytes(toContent(blocks)) <= maxBytes;
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

// A block too large for one event: a list is halved until each half fits; anything else has its
// strings clipped, because one paragraph larger than an event is not worth several events.
function fitBlock(block: Block, maxBytes: number): Block[] {
  if (fits([block], maxBytes)) return [block];
  if (block.type === 'list' && block.items.length > 1) {
    const half = Math.ceil(block.items.length / 2);
    return [
      ...fitBlock({ type: 'list', items: block.items.slice(0, half) }, maxBytes),
      ...fitBlock({ type: 'list', items: block.items.slice(half) }, maxBytes),
    ];
  }
  for (let maxChars = Math.floor(maxBytes / 2); maxChars >= MIN_CLIP_CHARS; maxChars = Math.floor(maxChars / 2)) {
    const clipped = clipBlock(block, maxChars);
    if (fits([clipped], maxBytes)) return [clipped];
  }
  return [];
}

function clipBlock(block: Block, maxChars: number): Block {
  const clip = (text: string): string => (text.length > maxChars ? text.slice(0, maxChars - 1) + '…' : text);
  // An absurdly long URL is dropped with the clipping: its text stays, the link goes.
  return mapBlock(block, clip, (s) => ({ ...s, text: clip(s.text), url: s.url !== undefined && s.url.length <= MAX_URL_CHARS ? s.url : undefined }));
}
