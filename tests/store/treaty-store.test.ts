import { describe, expect, it } from 'vitest';
import type { Provision } from '../../src/domain.js';
import {
  countArticleTexts,
  countConcernsForArticle,
  countItemsForArticle,
  countParagraphsPerArticle,
  findLatestTreatyImport,
  listArticleTexts,
  listLatestItemsForArticle,
  listStoredTreatyTexts,
  replaceOfficialText,
  searchArticleTexts,
  searchItems,
  type TreatyImport,
} from '../../src/store/treaty-store.js';
import { addItem, seedStore, tagItem } from '../helpers/store-seed.js';

const PROVISIONS: Provision[] = [
  { ref: '28', article: 28, paragraph: null, letter: null, text: 'Search and seizure of stored electronic data' },
  { ref: '28.1', article: 28, paragraph: 1, letter: null, text: 'Each State Party shall adopt measures to search a computer system.' },
  { ref: '28.4', article: 28, paragraph: 4, letter: null, text: 'Competent authorities may order any person who has knowledge about the functioning of the system.' },
  { ref: '24', article: 24, paragraph: null, letter: null, text: 'Conditions and safeguards' },
];

function record(language: string, sha256: string, importedAtMs: number): TreatyImport {
  return { language, source: `https://example.org/${language}.pdf`, sha256, format: 'pdf', importedAtMs, articles: 2, provisions: PROVISIONS.length };
}

describe('replaceOfficialText and the reads of the stored text', () => {
  it('stores provisions in document order per language, and reads them back by article', () => {
    const db = seedStore();
    expect(replaceOfficialText(db, PROVISIONS, record('en', 'a', 10))).toBe(4);
    expect(listArticleTexts(db, 28).map((p) => [p.ref, p.paragraph, p.position])).toEqual([['28', null, 0], ['28.1', 1, 1], ['28.4', 4, 2]]);
    expect(listArticleTexts(db, 28, 'fr')).toEqual([]);
    expect(listArticleTexts(db, 99)).toEqual([]);
    expect(countArticleTexts(db)).toBe(4);
    expect(countArticleTexts(db, 'es')).toBe(0);
    expect([...countParagraphsPerArticle(db, 'en')]).toEqual([[24, 0], [28, 2]]);
    expect(countParagraphsPerArticle(db, 'ru').size).toBe(0);
  });

  it('replaces one language without touching the others, and lists the latest import of each, English first', () => {
    const db = seedStore();
    replaceOfficialText(db, PROVISIONS, record('fr', 'f1', 5));
    replaceOfficialText(db, PROVISIONS, record('en', 'e1', 10));
    replaceOfficialText(db, PROVISIONS.slice(0, 2), record('en', 'e2', 20));
    expect(countArticleTexts(db, 'en')).toBe(2);
    expect(countArticleTexts(db, 'fr')).toBe(4);
    expect(findLatestTreatyImport(db)?.sha256).toBe('e2');
    expect(findLatestTreatyImport(db, 'fr')).toEqual(record('fr', 'f1', 5));
    expect(findLatestTreatyImport(db, 'zh')).toBeUndefined();
    expect(listStoredTreatyTexts(db).map((t) => [t.language, t.sha256])).toEqual([['en', 'e2'], ['fr', 'f1']]);
  });

  it('records the same document imported twice once, with the later time', () => {
    const db = seedStore();
    replaceOfficialText(db, PROVISIONS, record('en', 'same', 10));
    replaceOfficialText(db, PROVISIONS, record('en', 'same', 30));
    expect(listStoredTreatyTexts(db)).toEqual([record('en', 'same', 30)]);
  });

  it('finds provisions by full-text query in one language, best match first', () => {
    const db = seedStore();
    replaceOfficialText(db, PROVISIONS, record('en', 'a', 10));
    expect(searchArticleTexts(db, 'safeguards', 5).map((m) => m.ref)).toEqual(['24']);
    expect(searchArticleTexts(db, 'system', 5).map((m) => m.ref).sort()).toEqual(['28.1', '28.4']);
    expect(searchArticleTexts(db, 'system', 1)).toHaveLength(1);
    expect(searchArticleTexts(db, 'safeguards', 5, 'fr')).toEqual([]);
    expect(searchArticleTexts(db, 'nowhere', 5)).toEqual([]);
  });
});

describe('items citing an article', () => {
  it('counts relevant items and their concerns per article, and lists the newest with the closest citation', () => {
    const db = seedStore();
    const a = addItem(db, 'eff', 'a', { publishedAtMs: 100 });
    const b = addItem(db, 'ahc', 'b', { publishedAtMs: 300 });
    const c = addItem(db, 'eff', 'c', { publishedAtMs: 200 });
    const off = addItem(db, 'eff', 'off', { publishedAtMs: 400 });
    tagItem(db, a, { articles: ['28'], concerns: ['surveillance'] });
    tagItem(db, b, { articles: ['28.4', '28'], concerns: ['surveillance', 'compelled-assistance'] });
    tagItem(db, c, { articles: ['28.1'], concerns: [] });
    tagItem(db, off, { articles: ['28'], concerns: ['surveillance'], relevant: false });
    expect(countItemsForArticle(db, 28)).toBe(3);
    expect(countItemsForArticle(db, 5)).toBe(0);
    expect(countConcernsForArticle(db, 28)).toEqual([{ concern: 'surveillance', count: 2 }, { concern: 'compelled-assistance', count: 1 }]);
    expect(countConcernsForArticle(db, 5)).toEqual([]);
    const latest = listLatestItemsForArticle(db, 28, '28.4', 2);
    expect(latest.map((i) => [i.itemId, i.ref, i.sourceName])).toEqual([[b, '28.4', 'AHC'], [c, '28.1', 'EFF']]);
    expect(latest[0]!.sentence).toBe('Article 28.4 is cited here.');
    expect(listLatestItemsForArticle(db, 5, '5')).toEqual([]);
  });

  it('searches relevant items only, with a snippet', () => {
    const db = seedStore();
    const hit = addItem(db, 'eff', 'hit', { title: 'Encryption backdoors in the convention', publishedAtMs: 10 });
    const other = addItem(db, 'eff', 'other', { title: 'Encryption at the football club', publishedAtMs: 20 });
    tagItem(db, hit, {});
    tagItem(db, other, { relevant: false });
    const found = searchItems(db, 'encryption', 10);
    expect(found.map((m) => m.itemId)).toEqual([hit]);
    expect(found[0]!.snippet).toContain('Encryption');
    expect(searchItems(db, 'absent', 10)).toEqual([]);
  });
});
