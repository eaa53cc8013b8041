import { describe, expect, it } from 'vitest';
import { extractMainText, isPdf } from '../../src/enrich/extract-main-text.js';

const page = (inner: string) => ({ url: 'https://example.org/a', contentType: 'text/html', body: `<html><body>${inner}</body></html>`, bytes: null });
const PARAGRAPHS = '<p>The convention lets authorities compel engineers to help with searches of computer systems.</p>'.repeat(6);

describe('extractMainText', () => {
  it('leaves out script, style, inline SVG and comment text', async () => {
    const result = await extractMainText(page(`<style>p{}</style><script>var s = "<p>Article 47 in a script</p>";</script><!-- Article 45 --><article>${PARAGRAPHS}</article><svg><text>Article 24</text></svg>`));
    expect(result.ok).toBe(true);
    expect(result.ok && result.text).toContain('compel engineers');
    expect(result.ok && result.text).not.toMatch(/Article (47|45|24)/);
  });

  it('reads a page whose script is never closed as having no text, without scanning it again and again', async () => {
    const result = await extractMainText(page(`<script>${'<script '.repeat(50_000)}`));
    expect(result).toEqual({ ok: false, reason: 'the page shows no text without JavaScript; the feed summary is kept', permanent: true });
  });

  it('refuses a type that is neither a page nor a PDF, for good', async () => {
    expect(await extractMainText({ url: 'x', contentType: 'image/png', body: '', bytes: new Uint8Array([0x89]) }))
      .toEqual({ ok: false, reason: 'the link is a image/png document, not a web page or PDF', permanent: true });
  });

  it('knows a PDF by its type or its first bytes', () => {
    expect(isPdf('application/pdf; qs=0.9', null)).toBe(true);
    expect(isPdf('application/octet-stream', new TextEncoder().encode('%PDF-1.7'))).toBe(true);
    expect(isPdf('text/html', new TextEncoder().encode('<html>'))).toBe(false);
  });
});
