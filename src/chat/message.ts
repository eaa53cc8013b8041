/**
 * The neutral Message every stage produces and every adapter renders (Slack Block Kit, Matrix
 * m.notice, console text). All text here is plain and untrusted: adapters escape it. Links are
 * kept apart from text so only an adapter's own link builder ever makes a link.
 */

/** A run of text, optionally a link or emphasised. */
export interface Span {
  text: string;
  /** An http(s) URL; adapters drop any other scheme. */
  url?: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
}

export type Block =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; spans: Span[] }
  /** A bulleted list; each entry is a line of spans. */
  | { type: 'list'; items: Span[][] }
  /** Quoted text, e.g. the official text of a paragraph or the sentence that cites an article. */
  | { type: 'quote'; text: string }
  /** Label/value pairs, e.g. "Chapter: IV". */
  | { type: 'fields'; fields: { label: string; value: string }[] }
  /** Small print: sources, dates, counts. */
  | { type: 'context'; spans: Span[] }
  | { type: 'divider' };

export type MessageKind = 'reply' | 'error' | 'digest' | 'alert' | 'wrap-up';

/** A picture sent with a message (the weekly chart): a PNG file on disk and words for those who cannot see it. */
export interface MessageImage {
  path: string;
  title: string;
  alt: string;
  width: number;
  height: number;
}

export interface Message {
  kind: MessageKind;
  /** A one-line summary: the notification text and the plain-text fallback's first line. */
  summary: string;
  blocks: Block[];
  /** For replies to a command: show only to the asker where the platform can (Slack ephemeral). */
  ephemeral?: boolean;
  /** Sent after the message (in its thread where the platform has threads); a failed upload never holds the message back. */
  image?: MessageImage;
}

/** Returns a Message with one paragraph of plain text. */
export function textMessage(kind: MessageKind, text: string, opts: { ephemeral?: boolean } = {}): Message {
  return { kind, summary: firstLine(text), blocks: [{ type: 'paragraph', spans: [{ text }] }], ...opts };
}

/** Returns an error reply: what went wrong and, when given, the usage line. */
export function errorMessage(problem: string, usage?: string): Message {
  const blocks: Block[] = [{ type: 'paragraph', spans: [{ text: problem }] }];
  if (usage) blocks.push({ type: 'context', spans: [{ text: 'Usage: ' }, { text: usage, code: true }] });
  return { kind: 'error', summary: firstLine(problem), blocks, ephemeral: true };
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 150 ? line.slice(0, 149) + '…' : line;
}
