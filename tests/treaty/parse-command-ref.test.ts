import { describe, expect, it } from 'vitest';
import { findNearestArticles, formatRef, parseCommandRef } from '../../src/treaty/parse-command-ref.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

// input -> "version:canonical" for accepted refs
const ACCEPTED: [string, string][] = [
  ['28.4', 'final:28.4'],
  ['28(4)', 'final:28.4'],
  ['art. 28 para 4', 'final:28.4'],
  ['Article 28, paragraph 4', 'final:28.4'],
  ['28.4.b', 'final:28.4.b'],
  ['28(4)(b)', 'final:28.4.b'],
  ['2(b)', 'final:2.b'],
  ['zero:17', 'zero:17'],
  ['17 zero', 'zero:17'],
  ['Article 17 of the zero draft', 'zero:17'],
  ['final:4', 'final:4'],
  ['Art 28 (4) (b)', 'final:28.4.b'],
  ['article 28 para. 4 (b)', 'final:28.4.b'],
  ['§ 28.4', 'final:28.4'],
  ['  28.4  ', 'final:28.4'],
  ['ARTICLE 28 PARAGRAPH 4', 'final:28.4'],
  ['28', 'final:28'],
  ['Article 28', 'final:28'],
  ['art.28', 'final:28'],
  ['Art.28.4', 'final:28.4'],
  ['arts 24', 'final:24'],
  ['28 . 4', 'final:28.4'],
  ['28 (4)', 'final:28.4'],
  ['28.4b', 'final:28.4.b'],
  ['28.4.B', 'final:28.4.b'],
  ['2.b', 'final:2.b'],
  ['Article 2, subparagraph (b)', 'final:2.b'],
  ['article 47(1)(b)', 'final:47.1.b'],
  ['Article 40(3)(h)', 'final:40.3.h'],
  ['paragraph 4 of article 28', 'final:28.4'],
  ['para 21 of art. 40', 'final:40.21'],
  ['Article 28, para. 4, letter b', 'final:28.4.b'],
  ['article 28 ¶ 4', 'final:28.4'],
  ['28 § 4', 'final:28.4'],
  ['zero: 17', 'zero:17'],
  ['ZERO:5', 'zero:5'],
  ['final: 68', 'final:68'],
  ['17 final', 'final:17'],
  ['Article 5 of the draft', 'zero:5'],
  ['draft article 5', 'zero:5'],
  ['Rev.1 article 6', 'zero:6'],
  ['article 6 of A/AC.291/22', 'zero:6'],
  ['article 6 of A/AC.291/22/Rev.2', 'zero:6'],
  ['Article 4 of the convention as adopted', 'final:4'],
  ['article 4 of the final text', 'final:4'],
  ['zero:67', 'zero:67'],
  ['article 1', 'final:1'],
  ['Article 68', 'final:68'],
  ['28.99', 'final:28.99'],
  ['#28', 'final:28'],
  ['article\u00a028(4)', 'final:28.4'],
  ['Art. 41, para. 1', 'final:41.1'],
  ['Article 24 (1)', 'final:24.1'],
  ['article no. 36', 'final:36'],
];

// input -> expected suggestions (error text checked separately)
const REJECTED: [string, number[]][] = [
  ['', []],
  ['   ', []],
  ['99', [68]],
  ['article 69', [68]],
  ['zero:68', [67]],
  ['0', [1]],
  ['article 1000000000000', [68]],
  ['28.0', [28]],
  ['28.100', [28]],
  ['hello', []],
  ['28.4 million', []],
  ['28-30', []],
  ['28–30', []],
  ['28/4', []],
  ['28, 29', []],
  ['28 29', []],
  ['Articles 28 and 29', []],
  ['28.4.b.c', []],
  ['28(4)(b)(ii)', []],
  ['28.4.5', []],
  ['article 28 of article 29', []],
  ['zero final 17', []],
  ['final:17 zero draft', []],
  ['article', []],
  ['paragraph 4', []],
  ['28 bis', []],
  ['Article 15 of the Budapest Convention', []],
  ['28(b)(4)', []],
  ['-5', []],
  ['twenty-eight', []],
];

describe('parseCommandRef', () => {
  it.each(ACCEPTED)('reads %j as %s', (input, expected) => {
    const result = parseCommandRef(KNOWLEDGE.articles, input);
    expect(result.ok ? `${result.ref.version}:${formatRef(result.ref)}` : result.error).toBe(expected);
  });

  it.each(REJECTED)('refuses %j and suggests %j', (input, suggestions) => {
    const result = parseCommandRef(KNOWLEDGE.articles, input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.suggestions).toEqual(suggestions);
      expect(result.error.length).toBeGreaterThan(10);
      expect(result.error).not.toMatch(/Error|undefined|NaN/);
    }
  });

  it('names the range and the nearest article when the number is not in the final text', () => {
    expect(parseCommandRef(KNOWLEDGE.articles, 'Article 99')).toEqual({
      ok: false,
      error: 'There is no Article 99 in the final text; the articles run from 1 to 68. Nearest: Article 68.',
      suggestions: [68],
    });
  });

  it('names the zero draft and its own range when the zero numbering is asked for', () => {
    const result = parseCommandRef(KNOWLEDGE.articles, '68', 'zero');
    expect(result).toMatchObject({ ok: false, suggestions: [67] });
    expect(!result.ok && result.error).toBe(
      'There is no Article 68 in the zero draft; the articles run from 1 to 67. Nearest: Article 67.',
    );
  });

  it('uses the default numbering only when the input names none', () => {
    expect(parseCommandRef(KNOWLEDGE.articles, '17', 'zero')).toEqual({ ok: true, ref: { version: 'zero', article: 17, paragraph: null, letter: null } });
    expect(parseCommandRef(KNOWLEDGE.articles, 'final:17', 'zero')).toMatchObject({ ok: true, ref: { version: 'final' } });
  });

  it('tells garbage input what a reference looks like', () => {
    const result = parseCommandRef(KNOWLEDGE.articles, 'what about encryption');
    expect(!result.ok && result.error).toMatch(/28\.4/);
  });

  it('refuses "bis" articles with a reason rather than dropping the word', () => {
    const result = parseCommandRef(KNOWLEDGE.articles, 'article 28 bis');
    expect(!result.ok && result.error).toMatch(/bis/);
  });
});

describe('formatRef', () => {
  it.each([
    [{ article: 28, paragraph: null, letter: null }, '28'],
    [{ article: 28, paragraph: 4, letter: null }, '28.4'],
    [{ article: 47, paragraph: 1, letter: 'b' }, '47.1.b'],
    [{ article: 2, paragraph: null, letter: 'b' }, '2.b'],
  ])('writes %j as %s', (ref, expected) => {
    expect(formatRef(ref)).toBe(expected);
  });

  it('round-trips every canonical ref it writes through the parser', () => {
    for (const ref of [{ article: 40, paragraph: 21, letter: null }, { article: 2, paragraph: null, letter: 'x' }]) {
      const parsed = parseCommandRef(KNOWLEDGE.articles, formatRef(ref));
      expect(parsed.ok && formatRef(parsed.ref)).toBe(formatRef(ref));
    }
  });
});

describe('findNearestArticles', () => {
  it('clamps to the first and last article of each numbering', () => {
    expect(findNearestArticles(KNOWLEDGE.articles, -3, 'final')).toEqual([1]);
    expect(findNearestArticles(KNOWLEDGE.articles, 70, 'final')).toEqual([68]);
    expect(findNearestArticles(KNOWLEDGE.articles, 70, 'zero')).toEqual([67]);
  });
});
