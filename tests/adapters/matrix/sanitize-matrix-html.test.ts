import { describe, expect, it } from 'vitest';
import { buildNoticeContents } from '../../../adapters/matrix/build-notice-contents.js';
import { MAX_HTML_NESTING_DEPTH, sanitizeMatrixHtml } from '../../../adapters/matrix/sanitize-matrix-html.js';
import type { Message } from '../../../src/chat/message.js';
import { renderPlainText } from '../../../src/chat/render-text.js';

function maxDepth(html: string): number {
  let depth = 0;
  let max = 0;
  for (const tag of html.matchAll(/<(\/?)([a-z0-9]+)[^>]*?(\/?)>/g)) {
    if (['br', 'hr', 'img'].includes(tag[2]!)) continue;
    depth += tag[1] === '/' ? -1 : 1;
    max = Math.max(max, depth);
  }
  return max;
}

describe('sanitizeMatrixHtml', () => {
  it.each([
    ['a script element with its text', '<p>hi<script>alert(1)</script></p>', '<p>hi</p>'],
    ['event handler attributes', '<b onclick="alert(1)">bold</b>', '<b>bold</b>'],
    ['javascript: links', '<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['data: links', '<a href="data:text/html,<script>1</script>">x</a>', '<a>x</a>'],
    ['images not served by the homeserver', '<p><img src="https://tracker.example/p.gif">x</p>', '<p>x</p>'],
    ['iframes and their content', '<iframe src="https://evil.example">inner</iframe>ok', 'ok'],
    ['style attributes and tags', '<p style="color:red">x</p><style>p{}</style>', '<p>x</p>'],
    ['classes other than code languages', '<code class="language-ts evil">x</code><p class="a">y</p>', '<code class="language-ts">x</code><p>y</p>'],
  ])('removes %s', (_name, input, expected) => {
    expect(sanitizeMatrixHtml(input)).toBe(expected);
  });

  it.each([
    ['https links', '<a href="https://www.unodc.org/x">UNODC</a>'],
    ['mailto links', '<a href="mailto:team@example.org">mail</a>'],
    ['mxc images', '<img src="mxc://example.org/abc" alt="logo" />'],
    ['spec colour attributes', '<font data-mx-color="#808080">small</font>'],
    ['tables and details', '<details><summary>s</summary><table><tbody><tr><td>1</td></tr></tbody></table></details>'],
  ])('keeps %s', (_name, input) => {
    expect(sanitizeMatrixHtml(input)).toBe(input);
  });

  it('caps nesting depth so 150 nested divs cannot exhaust a client', () => {
    const html = '<div>'.repeat(150) + 'deep' + '</div>'.repeat(150);
    const out = sanitizeMatrixHtml(html);
    expect(out).toContain('deep');
    expect(maxDepth(html)).toBe(150);
    expect(maxDepth(out)).toBeLessThanOrEqual(MAX_HTML_NESTING_DEPTH);
  });
});

describe('m.notice content from a Message', () => {
  const hostile: Message = {
    kind: 'digest',
    summary: 'digest',
    blocks: [
      { type: 'heading', text: 'New <b>items</b> & more' },
      {
        type: 'list',
        items: [
          [{ text: 'Statement <script>alert(1)</script> on &amp; Article 28', url: 'https://example.org/a?x=1&y="2"' }],
          [{ text: 'Click me', url: 'javascript:alert(1)' }],
          [{ text: '<img src=x onerror=alert(1)>', bold: true }],
        ],
      },
      { type: 'quote', text: 'line one\n<iframe src="https://evil.example"></iframe>' },
      { type: 'fields', fields: [{ label: 'Chapter <i>', value: 'IV' }] },
    ],
  };

  it('escapes every feed string so no tag from a title reaches the HTML', () => {
    const [content] = buildNoticeContents(hostile);
    const html = content!.formatted_body;
    expect(html).not.toMatch(/<(script|iframe|img)\b/i);
    expect(html).not.toMatch(/<[^>]*\son\w+=/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('New &lt;b&gt;items&lt;/b&gt; &amp; more');
    expect(html).toContain('on &amp;amp; Article 28');
    expect(html).toContain('<a href="https://example.org/a?x=1&amp;y=%222%22">');
    expect(html).toContain('<li>Click me</li>');
    expect(html).toContain('line one<br />&lt;iframe');
  });

  it('carries the plain text of the same blocks as body', () => {
    const [content] = buildNoticeContents(hostile);
    expect(content!.body).toBe(renderPlainText(hostile));
    expect(content!.body).toContain('Statement <script>alert(1)</script> on &amp; Article 28');
    expect(content).toMatchObject({ msgtype: 'm.notice', format: 'org.matrix.custom.html' });
  });

  it('uses the summary when a message has no blocks', () => {
    const [content] = buildNoticeContents({ kind: 'reply', summary: 'Nothing new', blocks: [] });
    expect(content!.body).toBe('Nothing new');
  });

  it('clips a single paragraph larger than an event instead of dropping it', () => {
    const huge: Message = { kind: 'reply', summary: 's', blocks: [{ type: 'paragraph', spans: [{ text: 'é'.repeat(60_000) }] }] };
    const contents = buildNoticeContents(huge, 4_096);
    expect(contents).toHaveLength(1);
    expect(Buffer.byteLength(JSON.stringify(contents[0]))).toBeLessThanOrEqual(4_096);
    expect(contents[0]!.body.endsWith('…')).toBe(true);
  });
});
