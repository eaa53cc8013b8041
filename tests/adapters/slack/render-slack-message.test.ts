import { describe, expect, it } from 'vitest';
import type { Block, Message, Span } from '../../../src/chat/message.js';
import { CUT_MARKER } from '../../../adapters/slack/cut-slack-text.js';
import {
  MAX_BLOCKS_PER_MESSAGE,
  MAX_HEADER_CHARS,
  MAX_SECTION_CHARS,
  renderSlackMessages,
  type SlackBlock,
  type SlackPayload,
} from '../../../adapters/slack/render-slack-message.js';
import { buildSlackLink, escapeSlackText } from '../../../adapters/slack/slack-text.js';
import { seededRandom } from '../../../bench/generate.js';

const HOSTILE = '<!channel> & <@U123> <https://x|y>';

/** Returns every text string a payload sends to Slack. */
function textsOf(payload: SlackPayload): string[] {
  const out = [payload.text];
  for (const block of payload.blocks) {
    if ('text' in block) out.push(block.text.text);
    if ('fields' in block) out.push(...block.fields.map((f) => f.text));
    if ('elements' in block) out.push(...block.elements.map((e) => e.text));
  }
  return out;
}

describe('escapeSlackText and buildSlackLink', () => {
  it('escapes & before < and > so nothing is escaped twice', () => {
    expect(escapeSlackText(HOSTILE)).toBe('&lt;!channel&gt; &amp; &lt;@U123&gt; &lt;https://x|y&gt;');
    expect(escapeSlackText('&lt;')).toBe('&amp;lt;');
  });

  it.each([
    ['https://example.org/a?b=1&c=2', 'Doc', '<https://example.org/a?b=1&amp;c=2|Doc>'],
    ['https://example.org/a|b>c', 'x', '<https://example.org/a%7Cb%3Ec|x>'],
    ['https://example.org/', '<!here> a|b', '<https://example.org/|&lt;!here&gt; a|b>'],
    ['https://example.org/x', '', '<https://example.org/x|https://example.org/x>'],
  ])('builds a harmless link for %s', (url, label, expected) => {
    expect(buildSlackLink(url, label)).toBe(expected);
  });

  it.each(['javascript:alert(1)', 'mailto:a@b.c', 'ftp://example.org/', 'https://user:pw@example.org/', 'not a url'])(
    'refuses %s',
    (url) => {
      expect(buildSlackLink(url, 'x')).toBeNull();
    },
  );
});

describe('renderSlackMessages', () => {
  it('renders a hostile title, summary and link label as inert text (golden)', () => {
    const message: Message = {
      kind: 'alert',
      summary: HOSTILE,
      blocks: [
        { type: 'heading', text: HOSTILE },
        { type: 'paragraph', spans: [{ text: HOSTILE, url: 'https://example.org/doc?x=1&y=<2>', bold: true }, { text: ` ${HOSTILE}` }] },
        { type: 'quote', text: `${HOSTILE}\nsecond` },
        { type: 'fields', fields: [{ label: '<!here>', value: HOSTILE }] },
        { type: 'context', spans: [{ text: 'via ' }, { text: 'bad', url: 'javascript:alert(1)' }] },
      ],
    };
    const [payload] = renderSlackMessages(message);
    const e = '&lt;!channel&gt; &amp; &lt;@U123&gt; &lt;https://x|y&gt;';
    expect(payload!.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: e } },
      { type: 'section', text: { type: 'mrkdwn', text: `*<https://example.org/doc?x=1&amp;y=%3C2%3E|${e}>* ${e}`, verbatim: true } },
      { type: 'section', text: { type: 'mrkdwn', text: `>${e}\n>second`, verbatim: true } },
      { type: 'section', fields: [{ type: 'mrkdwn', text: `*&lt;!here&gt;*\n${e}`, verbatim: true }] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'via bad', verbatim: true }] },
    ]);
    // The fallback is the plain-text rendering, escaped: no link syntax at all.
    expect(payload!.text.split('\n')[0]).toBe(`== ${e} ==`);
    expect(payload!.text).not.toContain('<');
  });

  it('splits a paragraph longer than a section into several sections at safe points', () => {
    const text = 'a&b '.repeat(2_000); // 8,000 chars, 16,000 once escaped
    const [payload] = renderSlackMessages({ kind: 'digest', summary: 's', blocks: [{ type: 'paragraph', spans: [{ text }] }] });
    const sections = payload!.blocks.filter((b) => b.type === 'section');
    expect(sections.length).toBeGreaterThan(1);
    for (const s of sections) {
      const t = (s as { text: { text: string } }).text.text;
      expect(t.length).toBeLessThanOrEqual(MAX_SECTION_CHARS);
      expect(t).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
    expect(sections.map((s) => (s as { text: { text: string } }).text.text).join(' ').replace(/\s+/g, ' ').trim()).toBe(
      escapeSlackText(text).trim(),
    );
  });

  it('cuts a long heading with a visible marker and never mid-entity', () => {
    const [payload] = renderSlackMessages({ kind: 'alert', summary: 's', blocks: [{ type: 'heading', text: '&'.repeat(400) }] });
    const header = payload!.blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(MAX_HEADER_CHARS);
    expect(header.text.text.endsWith(CUT_MARKER)).toBe(true);
    expect(header.text.text.replace(CUT_MARKER, '')).toMatch(/^(&amp;)+$/);
  });

  it('caps a huge Message at a few messages and says it was cut', () => {
    const blocks: Block[] = Array.from({ length: 1_000 }, (_, i) => ({ type: 'paragraph', spans: [{ text: `item ${i}` }] }));
    const payloads = renderSlackMessages({ kind: 'digest', summary: 'big', blocks });
    expect(payloads.length).toBeGreaterThan(1);
    expect(payloads.length).toBeLessThanOrEqual(4);
    const last = payloads.at(-1)!.blocks.at(-1) as { type: string; elements: { text: string }[] };
    expect(last.type).toBe('context');
    expect(last.elements[0]!.text).toContain(CUT_MARKER);
  });
});

const PIECES = ['<', '>', '&', '&amp;', '&lt;', '|', '<!channel>', '<!here>', '<@U123>', '<#C1|x>', '<https://e.org|y>', '*', '_', '`', '\n', ' ', 'a', 'Article 28.4', 'é', '😀', '\u{1F3F3}\u{FE0F}', 'ß', '\ud83d', 'word '];

function randomText(random: () => number, maxPieces: number): string {
  const count = Math.floor(random() * maxPieces);
  let out = '';
  for (let i = 0; i < count; i++) out += PIECES[Math.floor(random() * PIECES.length)]!;
  return out;
}

function randomSpans(random: () => number): Span[] {
  return Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
    const span: Span = { text: randomText(random, 40) };
    if (random() < 0.3) span.url = random() < 0.7 ? `https://example.org/${randomText(random, 5)}` : `javascript:${randomText(random, 3)}`;
    if (random() < 0.2) span.bold = true;
    return span;
  });
}

function isWellFormedUtf16(text: string): boolean {
  return /^(?:[^\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/.test(text);
}

describe('renderSlackMessages on generated input', () => {
  it('never lets a < through that the link builder did not make, and always keeps the limits', () => {
    const random = seededRandom(20241224);
    const problems: string[] = [];
    for (let n = 0; n < 1_000; n++) {
      // Lone surrogates cannot come from a feed parser; keep the generated text well-formed.
      const clean = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
      const big = random() < 0.1 ? 300 : 30;
      const blocks: Block[] = [
        { type: 'heading', text: clean(randomText(random, big)) },
        { type: 'paragraph', spans: randomSpans(random).map((s) => ({ ...s, text: clean(s.text.repeat(big === 300 ? 40 : 1)) })) },
        { type: 'list', items: Array.from({ length: Math.floor(random() * 80) }, () => randomSpans(random).map((s) => ({ ...s, text: clean(s.text) }))) },
        { type: 'quote', text: clean(randomText(random, big)) },
        { type: 'fields', fields: [{ label: clean(randomText(random, 5)), value: clean(randomText(random, big)) }] },
        { type: 'context', spans: randomSpans(random).map((s) => ({ ...s, text: clean(s.text) })) },
      ];
      const message: Message = { kind: 'digest', summary: clean(randomText(random, 20)), blocks: [...blocks, ...(random() < 0.05 ? Array(60).fill({ type: 'divider' }) : [])] };
      for (const payload of renderSlackMessages(message)) {
        // Plain checks collected into one list: an expect() per string would make this run slow.
        if (payload.blocks.length > MAX_BLOCKS_PER_MESSAGE) problems.push(`case ${n}: ${payload.blocks.length} blocks`);
        for (const block of payload.blocks as SlackBlock[]) {
          if (block.type === 'header' && block.text.text.length > MAX_HEADER_CHARS) problems.push(`case ${n}: long header`);
          if (block.type === 'section' && 'text' in block && block.text.text.length > MAX_SECTION_CHARS) problems.push(`case ${n}: long section`);
        }
        for (const text of textsOf(payload)) {
          if (!isWellFormedUtf16(text)) problems.push(`case ${n}: broken UTF-16 in ${JSON.stringify(text)}`);
          // The only `<` allowed opens one of our links: <https://...|label>.
          const stripped = text.replace(/<https?:\/\/[^\s<>|]+\|[^<>]*>/g, '');
          if (stripped.includes('<')) problems.push(`case ${n}: stray < in ${text}`);
          if (/&(?!amp;|lt;|gt;)/.test(text)) problems.push(`case ${n}: bare & in ${text}`);
        }
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });
});
