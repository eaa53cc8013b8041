/**
 * Feed text is written by strangers, so before it reaches a reader each surface takes out what
 * could steer that reader's screen rather than inform them:
 * - everywhere: bidi override, embedding and isolate controls (U+202A-202E, U+2066-2069), which
 *   can make a title read backwards or hide what a link says ("Trojan Source", CVE-2021-42574);
 * - in a terminal: escape sequences (CSI such as `ESC [2J`, OSC such as a window-title change, the
 *   one-byte C1 CSI `\x9b`) and every other C0/C1 control but tab and newline;
 * - in chat: the mass mentions each platform would act on (`@channel`, `@here`, `@everyone` in
 *   Slack, `@room` in Matrix) get an invisible word joiner after the `@`, so they read the same and
 *   notify no one.
 */
import type { Block, Message, Span } from './message.js';

const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

// CSI (ESC [ or C1 0x9b): parameter and intermediate bytes, then one final byte.
const CSI = /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?/g;
// OSC, DCS, SOS, PM, APC (ESC ] P X ^ _ or their C1 forms): a string up to BEL or ST (ESC \ or 0x9c), or the line's end.
const CONTROL_STRING = /(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?/g;
// Any other escape: ESC and the one character after it (ESC c resets the terminal).
const OTHER_ESCAPE = /\x1b[\x20-\x7e]?/g;
// C0 controls but tab and newline, DEL, and C1 controls.
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

const WORD_JOINER = '\u2060';

/** Returns `text` without bidi override, embedding and isolate controls. */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** Returns `text` safe to print to a terminal: no escape sequences, no controls but tab and newline, no bidi controls. */
export function neutraliseTerminalText(text: string): string {
  return stripBidiControls(
    text.replace(/\r\n/g, '\n').replace(CONTROL_STRING, '').replace(CSI, '').replace(OTHER_ESCAPE, '').replace(CONTROLS, ''),
  );
}

/** Returns `text` for a chat message: no bidi controls, no controls but tab and newline. */
export function neutraliseChatText(text: string): string {
  return stripBidiControls(text.replace(/\r\n/g, '\n').replace(CONTROLS, ''));
}

/** Returns `text` with Slack's mass mentions (`@channel`, `@here`, `@everyone`) made inert. */
export function neutraliseSlackMentions(text: string): string {
  return text.replace(/@(channel|here|everyone)\b/gi, `@${WORD_JOINER}$1`);
}

/** Returns `text` with Matrix's room mention (`@room`) made inert. */
export function neutraliseMatrixMentions(text: string): string {
  return text.replace(/@room\b/gi, `@${WORD_JOINER}room`);
}

/** Returns a copy of the Message with `fix` applied to every string a reader sees (never to URLs). */
export function mapMessageText(message: Message, fix: (text: string) => string): Message {
  const span = (s: Span): Span => ({ ...s, text: fix(s.text) });
  const out: Message = { ...message, summary: fix(message.summary), blocks: message.blocks.map((b) => mapBlock(b, fix, span)) };
  if (message.image) out.image = { ...message.image, title: fix(message.image.title), alt: fix(message.image.alt) };
  return out;
}

/** Returns a copy of the block with `text` applied to its headings, quotes and fields, and `span` to each span. */
export function mapBlock(b: Block, text: (text: string) => string, span: (s: Span) => Span): Block {
  switch (b.type) {
    case 'heading':
    case 'quote':
      return { ...b, text: text(b.text) };
    case 'paragraph':
    case 'context':
      return { ...b, spans: b.spans.map(span) };
    case 'list':
      return { ...b, items: b.items.map((item) => item.map(span)) };
    case 'fields':
      return { ...b, fields: b.fields.map((f) => ({ label: text(f.label), value: text(f.value) })) };
    case 'divider':
      return b;
  }
}
