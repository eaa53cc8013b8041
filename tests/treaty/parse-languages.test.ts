import { describe, expect, it } from 'vitest';
import { checkOfficialText } from '../../src/treaty/check-official-text.js';
import { TEXT_LANGUAGES, type TextLanguage } from '../../src/domain.js';
import { parseOfficialText } from '../../src/treaty/parse-official-text.js';
import { readNumber } from '../../src/treaty/text-languages.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

// Made-up text in each language's layout, generated from the article table: only the headings,
// chapter numerals and paragraph markers follow the UN's published texts.
const CHINESE_DIGITS = '零一二三四五六七八九';
function chinese(n: number): string {
  if (n < 10) return CHINESE_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : CHINESE_DIGITS[tens]}十${n % 10 === 0 ? '' : CHINESE_DIGITS[n % 10]}`;
}
const ARABIC_ORDINALS = ['الأول', 'الثاني', 'الثالث', 'الرابع', 'الخامس', 'السادس', 'السابع', 'الثامن', 'التاسع'];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX'];

const LAYOUT: Record<TextLanguage, {
  article: (n: number) => string; chapter: (c: number) => string; paragraph: (p: number) => string; letter: (i: number) => string; end: string;
}> = {
  en: { article: (n) => `Article ${n}`, chapter: (c) => `Chapter ${ROMAN[c - 1]}`, paragraph: (p) => `${p}.`, letter: (i) => `(${'abc'[i]})`, end: 'IN WITNESS WHEREOF, the undersigned have signed.' },
  fr: { article: (n) => `Article ${n === 1 ? 'premier' : n}`, chapter: (c) => `Chapitre ${ROMAN[c - 1]}`, paragraph: (p) => `${p}.`, letter: (i) => `${'abc'[i]})`, end: 'EN FOI DE QUOI, les soussignés ont signé.' },
  es: { article: (n) => `Artículo ${n}`, chapter: (c) => `Capítulo ${ROMAN[c - 1]}`, paragraph: (p) => `${p}.`, letter: (i) => `${'abc'[i]})`, end: 'EN TESTIMONIO DE LO CUAL, los infrascritos han firmado.' },
  ru: { article: (n) => `Статья ${n}`, chapter: (c) => `Глава ${ROMAN[c - 1]}`, paragraph: (p) => `${p}.`, letter: (i) => `${'abc'[i]})`, end: 'В УДОСТОВЕРЕНИЕ ЧЕГО нижеподписавшиеся подписали.' },
  ar: { article: (n) => `المادة ${n}`, chapter: (c) => `الفصل ${ARABIC_ORDINALS[c - 1]}`, paragraph: (p) => `${p} -`, letter: (i) => `(${['أ', 'ب', 'ج'][i]})`, end: 'وإثباتا لذلك، قام الموقعون أدناه بالتوقيع.' },
  zh: { article: (n) => `第${chinese(n)}条`, chapter: (c) => `第${chinese(c)}章`, paragraph: (p) => `${chinese(p)}、`, letter: (i) => `（${chinese(i + 1)}）`, end: '下列签署人经正式授权，已签署本公约。' },
};

function generateText(language: TextLanguage, opts: { skipParagraph?: [number, number] } = {}): string {
  const l = LAYOUT[language];
  const out = ['Preamble text.', ''];
  let chapter = '';
  for (const a of KNOWLEDGE.articles.final) {
    if (a.chapter !== chapter) {
      chapter = a.chapter;
      out.push(l.chapter(ROMAN.indexOf(a.chapter) + 1), `Chapter title ${a.chapter}`, '');
    }
    out.push(l.article(a.number), language === 'en' ? a.title : `Title ${a.number}`, '');
    const paragraphs = a.number === 28 ? 5 : 1 + (a.number % 3);
    for (let p = 1; p <= paragraphs; p++) {
      if (opts.skipParagraph?.[0] === a.number && opts.skipParagraph[1] === p) continue;
      out.push(`${l.paragraph(p)} Provision ${a.number}.${p} text${p === 2 ? ':' : '.'}`, '');
      if (p === 2) for (let i = 0; i < 3; i++) out.push(`${l.letter(i)} item ${a.number}.${p}.${'abc'[i]};`, '');
    }
  }
  out.push(l.end, '', 'Text after the end that no article should take.');
  return out.join('\n');
}

describe('the official text in each of the six languages', () => {
  it.each(TEXT_LANGUAGES)('reads the headings, chapters and numbering of generated %s text', (language) => {
    const text = parseOfficialText(generateText(language), language);
    expect(text.articles.map((a) => a.number)).toEqual(KNOWLEDGE.articles.final.map((a) => a.number));
    expect(checkOfficialText(text, { articles: KNOWLEDGE.articles, language })).toEqual([]);
    const article28 = text.articles.find((a) => a.number === 28)!;
    expect(article28.chapter).toBe('IV');
    expect(article28.provisions.map((p) => p.ref)).toEqual(['28', '28.1', '28.2', '28.2.a', '28.2.b', '28.2.c', '28.3', '28.4', '28.5']);
    expect(article28.provisions.find((p) => p.ref === '28.4')!.text).toBe('Provision 28.4 text.');
    expect(text.articles.at(-1)!.provisions.at(-1)!.text).not.toContain('after the end');
  });

  it('checks titles against the English article table only where a title table exists', () => {
    const english = parseOfficialText(generateText('en').replace('Search and seizure of stored electronic data', 'Search of data'), 'en');
    expect(checkOfficialText(english, { articles: KNOWLEDGE.articles, language: 'en' })).toEqual(['Article 28: title is "Search of data", expected "Search and seizure of stored electronic data"']);
    const spanish = parseOfficialText(generateText('es'), 'es');
    expect(checkOfficialText(spanish, { articles: KNOWLEDGE.articles, language: 'es' })).toEqual([]);
  });

  it('refuses a translation whose paragraph numbering differs from the stored text', () => {
    const english = parseOfficialText(generateText('en'), 'en');
    const paragraphsPerArticle = new Map(english.articles.map((a) => [a.number, new Set(a.provisions.map((p) => p.paragraph).filter((p) => p !== null)).size]));
    const spanish = parseOfficialText(generateText('es', { skipParagraph: [28, 5] }), 'es');
    expect(checkOfficialText(spanish, { articles: KNOWLEDGE.articles, language: 'es', paragraphsPerArticle })).toEqual(['Article 28: 4 numbered paragraphs, the stored text has 5']);
  });

  it('reads Chinese and Arabic-Indic numerals', () => {
    expect([readNumber('二十八'), readNumber('十'), readNumber('六十八'), readNumber('٢٨'), readNumber('一百零二')]).toEqual([28, 10, 68, 28, 102]);
  });
});
