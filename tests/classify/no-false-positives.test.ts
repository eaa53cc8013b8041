/**
 * The classifier must not pull unrelated posts into digests: every entry of the real-world feeds
 * kept as fixtures, and every entry labelled not relevant in the team's labelled feed sets, stays
 * out.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classifyItem } from '../../src/classify/classify-item.js';
import { parseGoldLine } from '../../src/classify/parse-item-line.js';
import { parseFeed } from '../../src/parse/parse-feed.js';
import { HAS_SHARED_DATA, SHARED_DATA_DIR, SHARED_DATA_SKIP } from '../helpers/shared-data.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const DIR = fileURLToPath(new URL('../fixtures/feeds-realworld/rss-parser/', import.meta.url));
const LATIN1 = new Set(['encoding.rss', 'uolNoticias.rss']);
const NOT_FEEDS = new Set(['LICENSE', 'unrecognized.rss']);

describe('no false positives', () => {
  it('finds none of the real-world feed entries relevant', async () => {
    let entries = 0;
    const relevant: string[] = [];
    for (const name of readdirSync(DIR).filter((n) => !NOT_FEEDS.has(n))) {
      const body = new TextDecoder(LATIN1.has(name) ? 'latin1' : 'utf-8').decode(readFileSync(DIR + name));
      const parsed = await parseFeed(body, { url: 'https://feeds.example.org/' + name });
      for (const entry of parsed.items) {
        entries++;
        const published = entry.publishedAtMs === null ? null : new Date(entry.publishedAtMs).toISOString().slice(0, 10);
        if (classifyItem({ title: entry.title ?? '', text: entry.text ?? '', published }, KNOWLEDGE).relevant) relevant.push(`${name}: ${entry.title}`);
      }
    }
    expect(entries).toBeGreaterThan(1300);
    expect(relevant).toEqual([]);
  });

  describe.skipIf(!HAS_SHARED_DATA)(`labelled feed entries${SHARED_DATA_SKIP}`, () => {
    it.each(['dev.jsonl', 'dev-relevance.jsonl'])('keeps every entry of %s labelled not relevant out', (file) => {
      const lines = readFileSync(`${SHARED_DATA_DIR}eval/${file}`, 'utf8').split('\n').filter((l) => l.trim() !== '');
      const wrong = lines
        .map((line) => parseGoldLine(line))
        .filter((g) => g.gold.relevant === false && classifyItem(g.input, KNOWLEDGE).relevant)
        .map((g) => g.input.id);
      expect(lines.length).toBeGreaterThan(50);
      expect(wrong).toEqual([]);
    });
  });
});
