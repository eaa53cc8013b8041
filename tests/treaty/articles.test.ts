import { describe, expect, it } from 'vitest';
import { FINAL_ARTICLE_COUNT, findArticle, finalToZero, zeroToFinal } from '../../src/treaty/articles.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX'];

describe('article tables', () => {
  it('has the 68 articles of the final text, numbered 1..68 without gaps', () => {
    const articles = KNOWLEDGE.articles.final;
    expect(articles).toHaveLength(FINAL_ARTICLE_COUNT);
    expect(articles.map((a) => a.number)).toEqual(Array.from({ length: 68 }, (_, i) => i + 1));
  });

  it.each(['final', 'zero'] as const)('keeps the chapters of the %s text contiguous and in order', (version) => {
    const chapters = KNOWLEDGE.articles[version].map((a) => a.chapter);
    const order = chapters.filter((c, i) => c !== chapters[i - 1]);
    expect(order).toEqual(ROMAN);
  });

  it('places the articles the spec names in the right chapters', () => {
    expect(findArticle(KNOWLEDGE.articles, 28)).toMatchObject({ title: 'Search and seizure of stored electronic data', chapter: 'IV' });
    expect(findArticle(KNOWLEDGE.articles, 53)?.chapter).toBe('VI');
    expect(findArticle(KNOWLEDGE.articles, 22)?.chapter).toBe('III');
    expect(findArticle(KNOWLEDGE.articles, 69)).toBeUndefined();
  });

  it('maps the zero draft to the final text one to one, with Article 17 moved to Article 4', () => {
    expect(zeroToFinal(KNOWLEDGE.articles, 17)).toBe(4);
    expect(zeroToFinal(KNOWLEDGE.articles, 4)).toBe(5);
    for (let n = 6; n <= 16; n++) expect(zeroToFinal(KNOWLEDGE.articles, n)).toBe(n + 1);
    for (let n = 18; n <= 58; n++) expect(zeroToFinal(KNOWLEDGE.articles, n)).toBe(n);
    const finals = KNOWLEDGE.articles.zero.map((a) => zeroToFinal(KNOWLEDGE.articles, a.number)).filter((n) => n !== undefined);
    expect(new Set(finals).size).toBe(finals.length);
    expect(finalToZero(KNOWLEDGE.articles, 4)).toBe(17);
  });

  it('lists the drafts in date order with their numbering', () => {
    const drafts = KNOWLEDGE.articles.drafts;
    const dates = drafts.map((d) => d.date);
    expect([...dates].sort()).toEqual(dates);
    expect(drafts.find((d) => d.symbol === 'A/AC.291/22')).toMatchObject({ date: '2023-05-29', numbering: 'zero' });
    expect(drafts.at(-1)).toMatchObject({ symbol: 'A/RES/79/243', numbering: 'final' });
  });
});
