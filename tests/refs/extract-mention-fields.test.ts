import { describe, expect, it } from 'vitest';
import { extractMentions } from '../../src/refs/extract-mentions.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const FINAL_ERA = '2024-09-01';

describe('extractMentions: output fields', () => {
  it('returns the raw citation, both numberings and the sentence it came from', () => {
    const text = 'The zero draft was released. Article 17 of the zero draft covers other treaties. Nothing else.';
    expect(extractMentions(text, { knowledge: KNOWLEDGE, published: null })).toEqual([
      {
        raw: 'Article 17',
        ref: '4',
        cited_as: '17',
        version: 'zero',
        sentence: 'Article 17 of the zero draft covers other treaties.',
      },
    ]);
  });

  it('cuts a long sentence to at most 300 characters around the reference', () => {
    const filler = 'the negotiators discussed many unrelated matters at length '.repeat(10);
    const [mention] = extractMentions(`${filler} while Article 28(4) was agreed ${filler}.`, { knowledge: KNOWLEDGE, published: FINAL_ERA });
    expect(mention?.sentence.length).toBeLessThanOrEqual(300);
    expect(mention?.sentence).toContain('Article 28(4)');
  });

  it('returns an empty list for text without any article keyword', () => {
    expect(extractMentions('Nothing to see: 28.4, 40(3), 2024.', { knowledge: KNOWLEDGE, published: null })).toEqual([]);
  });

  it('does not hang on long runs of near-citations', () => {
    const hostile = 'Article 1(' + '(a)'.repeat(300) + ' and '.repeat(300) + 'Articles 2' + ', 3'.repeat(300) + '.';
    const mentions = extractMentions(hostile, { knowledge: KNOWLEDGE, published: FINAL_ERA });
    expect(mentions.map((m) => m.ref).slice(0, 3)).toEqual(['1', '2', '3']);
  });
});
