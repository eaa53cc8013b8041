import { describe, expect, it } from 'vitest';
import type { ParsedItem } from '../../src/domain.js';
import { parseFeed } from '../../src/parse/parse-feed.js';

// A small feed fits in one slice of the parse, so nothing is handed on at a pause: what the sink gets
// before the error is what the parse hands on when it breaks.
function cutFeed(good: number): string {
  const items = Array.from({ length: good }, (_, i) => `<item><guid>https://example.org/${i}</guid><title>Item ${i}</title></item>`).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${items}<item><title>broken</title></channel></rss>`;
}

describe('parseFeed with a sink, on a feed that breaks part-way', () => {
  it('hands on every item read before the break, then says the feed is malformed', async () => {
    const got: ParsedItem[] = [];
    await expect(parseFeed(cutFeed(40), { url: 'https://example.org/feed' }, async (items) => void got.push(...items))).rejects.toThrow(/^parse: malformed feed/);
    expect(got.map((i) => i.guid)).toEqual(Array.from({ length: 40 }, (_, i) => `https://example.org/${i}`));
  });

  it('rejects with the sink\'s own error, and does not call a failing sink again', async () => {
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new Error('store full');
    };
    await expect(parseFeed(cutFeed(3), { url: 'https://example.org/feed' }, failing)).rejects.toThrow(/^store full$/);
    expect(calls).toBe(1);
  });

  it('hands a whole feed on once it has parsed, and returns no items itself', async () => {
    const got: ParsedItem[] = [];
    const whole = cutFeed(5).replace('<item><title>broken</title>', '');
    const parsed = await parseFeed(whole, { url: 'https://example.org/feed' }, async (items) => void got.push(...items));
    expect(parsed.items).toEqual([]);
    expect(got).toHaveLength(5);
  });
});
