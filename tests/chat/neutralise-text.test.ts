import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/chat/message.js';
import {
  mapMessageText, neutraliseChatText, neutraliseMatrixMentions, neutraliseSlackMentions, neutraliseTerminalText, stripBidiControls,
} from '../../src/chat/neutralise-text.js';

const ESC = '\x1b';

describe('neutraliseTerminalText', () => {
  it.each<[string, string, string]>([
    ['clear screen (CSI 2J)', `Ratified${ESC}[2J today`, 'Ratified today'],
    ['cursor home and colour', `${ESC}[H${ESC}[31;1mRed${ESC}[0m title`, 'Red title'],
    ['private-mode CSI (hide cursor)', `a${ESC}[?25lb`, 'ab'],
    ['OSC window title ended by BEL', `${ESC}]0;pwned\x07Convention`, 'Convention'],
    ['OSC window title ended by ST', `${ESC}]2;pwned${ESC}\\Convention`, 'Convention'],
    ['OSC 8 hyperlink', `${ESC}]8;;https://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\`, 'click'],
    ['unterminated OSC stops at the line end', `${ESC}]0;title\nnext line`, '\nnext line'],
    ['C1 CSI (0x9b) clear screen', 'Treaty\x9b2J text', 'Treaty text'],
    ['C1 OSC (0x9d) ended by C1 ST (0x9c)', '\x9d0;pwned\x9cConvention', 'Convention'],
    ['DCS string', `${ESC}Pq#0;2;0;0;0${ESC}\\ok`, 'ok'],
    ['terminal reset (ESC c)', `${ESC}cReset`, 'Reset'],
    ['a bare ESC at the end', `tail${ESC}`, 'tail'],
    ['backspace overwrite', 'safe\x08\x08\x08\x08evil', 'safeevil'],
    ['carriage return overwrite', 'Ratified\rRejected', 'RatifiedRejected'],
    ['bell, NUL, DEL and other C0', 'a\x07b\x00c\x7fd\x0ce', 'abcde'],
    ['other C1 controls', 'a\x85b\x8dc\x81d', 'abcd'],
    ['C1 APC string up to the line end', 'a\x9fhidden\nb', 'a\nb'],
    ['bidi override inside a title', 'Article \u202e82\u202c ratified', 'Article 82 ratified'],
    ['bidi isolates', '\u2066\u2067\u2068x\u2069', 'x'],
  ])('removes %s', (_name, input, expected) => {
    expect(neutraliseTerminalText(input)).toBe(expected);
  });

  it.each([
    ['tabs and newlines', 'a\tb\nc'],
    ['CRLF line ends become LF', 'a\nb'],
    ['accents, CJK and emoji', 'Côte d’Ivoire — 条约 🇺🇳'],
    ['Arabic and Hebrew text (no controls)', 'اتفاقية עברית'],
    ['a left-to-right mark', 'a\u200eb'],
  ])('keeps %s', (_name, text) => {
    expect(neutraliseTerminalText(text)).toBe(text);
  });
});

describe('stripBidiControls', () => {
  it.each<[string, string, string]>([
    ['LRE U+202A', 'a\u202ab', 'ab'],
    ['RLE U+202B', 'a\u202bb', 'ab'],
    ['PDF U+202C', 'a\u202cb', 'ab'],
    ['LRO U+202D', 'a\u202db', 'ab'],
    ['RLO U+202E', 'evil\u202egnp.exe', 'evilgnp.exe'],
    ['LRI U+2066', 'a\u2066b', 'ab'],
    ['RLI U+2067', 'a\u2067b', 'ab'],
    ['FSI U+2068', 'a\u2068b', 'ab'],
    ['PDI U+2069', 'a\u2069b', 'ab'],
    ['several at once', '\u202e\u2066\u202aok\u202c\u2069', 'ok'],
    ['none (Arabic text untouched)', 'اتفاقية', 'اتفاقية'],
  ])('removes %s', (_name, input, expected) => {
    expect(stripBidiControls(input)).toBe(expected);
    expect(neutraliseChatText(input)).toBe(expected);
  });
});

describe('mass mentions', () => {
  it.each(['@channel', '@here', '@everyone', '@Channel'])('Slack: %s stays readable but is no longer a mention', (mention) => {
    const out = neutraliseSlackMentions(`ping ${mention} now`);
    expect(out).not.toMatch(/@(channel|here|everyone)\b/i);
    expect(out.replace(/\u2060/g, '')).toBe(`ping ${mention} now`);
  });

  it('Slack: leaves e-mail-like text and other words alone', () => {
    expect(neutraliseSlackMentions('mail press@herestreet.org or @channels')).toBe('mail press@herestreet.org or @channels');
  });

  it('Matrix: @room is made inert, a user id is not touched', () => {
    expect(neutraliseMatrixMentions('@room look, says @roomba:example.org')).toBe('@\u2060room look, says @roomba:example.org');
  });
});

describe('mapMessageText', () => {
  it('reaches every string a reader sees and leaves URLs as they were', () => {
    const message: Message = {
      kind: 'alert', summary: 's\u202e',
      blocks: [
        { type: 'heading', text: 'h\u202e' }, { type: 'quote', text: 'q\u202e' },
        { type: 'paragraph', spans: [{ text: 'p\u202e', url: 'https://example.org/\u202e' }] },
        { type: 'context', spans: [{ text: 'c\u202e' }] }, { type: 'list', items: [[{ text: 'l\u202e' }]] },
        { type: 'fields', fields: [{ label: 'k\u202e', value: 'v\u202e' }] }, { type: 'divider' },
      ],
      image: { path: 'charts/x.png', title: 't\u202e', alt: 'a\u202e', width: 1, height: 1 },
    };
    const out = mapMessageText(message, stripBidiControls);
    const { url } = (out.blocks[2] as { spans: { url?: string }[] }).spans[0]!;
    expect(url).toBe('https://example.org/\u202e');
    expect(JSON.stringify({ ...out, blocks: out.blocks.filter((b) => b.type !== 'paragraph') })).not.toContain('\u202e');
    expect(JSON.stringify(out).match(/\u202e/g)).toHaveLength(1);
  });
});
