/**
 * How the convention's text is laid out in each of the six languages, as the UN publishes it:
 * the heading words ("Article 28", "Artículo 28", "Статья 28", "المادة 28", "第二十八条"), the
 * chapter headings, where the text ends, and how paragraphs and subparagraphs are numbered
 * ("4." or "4 -" or "四、"; "(b)", "b)", "(ب)" or "（二）"). Each marker is read into the
 * canonical numbering: paragraph 4, letter "b", chapter "IV".
 */
import type { TextLanguage } from '../domain.js';

/** The rules the parser follows for one language. */
export interface TextLayout {
  /** Matches a whole article heading line; group 1 is the number, group 2 the title on the same line (optional). */
  article: RegExp;
  /** Matches a whole chapter heading line; group 1 is the chapter's numeral or ordinal, group 2 an optional title. */
  chapter: RegExp;
  /** Matches the first block after the last article ("IN WITNESS WHEREOF", "EN FOI DE QUOI"). */
  endOfText: RegExp;
  /** Matches a block opening a paragraph; group 1 is its number, group 2 the rest. */
  paragraph: RegExp;
  /** Matches a block opening a subparagraph; group 1 is its marker, group 2 the rest. */
  letter: RegExp;
  /** Returns the canonical letter ("a".."z") of a subparagraph marker, or null. */
  readLetter(marker: string): string | null;
  /** Returns the roman numeral of a chapter heading's numeral or ordinal, or null. */
  readChapter(marker: string): string | null;
}

const DIGITS = String.raw`(\d{1,3}|[\u0660-\u0669]{1,3})`;
const TITLE_SEPARATOR = String.raw`\s*(?:[.:\u2013\u2014]|\s-)\s*(\S.*)`;
const ROMAN = '([IVXLC]+)';
const LATIN = 'abcdefghijklmnopqrstuvwxyz';
// Arabic subparagraphs follow the abjad order; "هـ" is written with a tatweel so it stands out.
const ABJAD = ['أ', 'ب', 'ج', 'د', 'ه', 'و', 'ز', 'ح', 'ط', 'ي', 'ك', 'ل', 'م', 'ن', 'س', 'ع', 'ف', 'ص', 'ق', 'ر', 'ش', 'ت', 'ث', 'خ', 'ذ', 'ض'];
const ARABIC_ORDINALS = ['الأول', 'الثاني', 'الثالث', 'الرابع', 'الخامس', 'السادس', 'السابع', 'الثامن', 'التاسع', 'العاشر'];
const CHINESE_NUMERAL = '[一二三四五六七八九十百零〇两]';
const ROMANS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];

/** Returns the number written in Western or Arabic-Indic digits, or in Chinese numerals (up to 999). */
export function readNumber(text: string): number {
  const western = text.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
  if (/^\d+$/.test(western)) return Number(western);
  return readChineseNumber(text);
}

function readChineseNumber(text: string): number {
  const digit = (c: string | undefined) => (c === undefined ? 0 : '零一二三四五六七八九'.indexOf(c === '〇' ? '零' : c === '两' ? '二' : c));
  let total = 0;
  let rest = text;
  for (const [unit, value] of [['百', 100], ['十', 10]] as const) {
    const at = rest.indexOf(unit);
    if (at === -1) continue;
    total += (at === 0 ? 1 : digit(rest[at - 1])) * value;
    rest = rest.slice(at + 1);
  }
  const last = rest.replace(/零/g, '');
  return total + (last === '' ? 0 : digit(last[last.length - 1]));
}

function headingRegExp(words: string, number = DIGITS, separator = TITLE_SEPARATOR): RegExp {
  return new RegExp(`^(?:${words})\\s+${number}(?:${separator})?$`, 'u');
}

// A chapter's roman numeral cannot be mistaken for the first word of its title, so a space will do
// ("Chapter IV Procedural measures", as a PDF's centred heading lines are often joined).
const chapterRegExp = (words: string) => headingRegExp(words, ROMAN, String.raw`(?:\s*(?:[.:\u2013\u2014]|\s-)\s*|\s+)(\S.*)`);

const latinLetter = (marker: string) => (marker.length === 1 && LATIN.includes(marker) ? marker : null);
const romanChapter = (marker: string) => (ROMANS.includes(marker) ? marker : null);
const romanOf = (n: number) => ROMANS[n - 1] ?? null;
const PARAGRAPH_DOT = /^(\d{1,2})\.\s+([\s\S]*)$/;

// French, Spanish and Russian letter subparagraphs "a)"; the English "(a)" is accepted too.
const LETTER_CLOSING = /^\(?([a-z])\)\s*([\s\S]*)$/;

const LAYOUTS: Record<TextLanguage, TextLayout> = {
  en: {
    article: headingRegExp('Article|ARTICLE'),
    chapter: chapterRegExp('Chapter|CHAPTER'),
    endOfText: /^(?:IN WITNESS WHEREOF|In witness whereof|DONE at|Done at)\b/,
    paragraph: PARAGRAPH_DOT,
    letter: /^\(([a-z]{1,5})\)\s*([\s\S]*)$/,
    readLetter: latinLetter,
    readChapter: romanChapter,
  },
  fr: {
    // The first article is "Article premier".
    article: new RegExp(`^(?:Article|ARTICLE)\\s+(\\d{1,3}|premier|PREMIER)(?:er)?(?:${TITLE_SEPARATOR})?$`, 'u'),
    chapter: chapterRegExp('Chapitre|CHAPITRE'),
    endOfText: /^(?:EN FOI DE QUOI|En foi de quoi|FAIT à|Fait à)/u,
    paragraph: PARAGRAPH_DOT,
    letter: LETTER_CLOSING,
    readLetter: latinLetter,
    readChapter: romanChapter,
  },
  es: {
    article: headingRegExp('Artículo|ARTÍCULO'),
    chapter: chapterRegExp('Capítulo|CAPÍTULO'),
    endOfText: /^(?:EN TESTIMONIO DE LO CUAL|En testimonio de lo cual|HECHO en|Hecho en)/u,
    paragraph: PARAGRAPH_DOT,
    letter: LETTER_CLOSING,
    readLetter: latinLetter,
    readChapter: romanChapter,
  },
  ru: {
    article: headingRegExp('Статья|СТАТЬЯ'),
    chapter: chapterRegExp('Глава|ГЛАВА'),
    endOfText: /^(?:В УДОСТОВЕРЕНИЕ ЧЕГО|В удостоверение чего|СОВЕРШЕНО в|Совершено в)/u,
    paragraph: PARAGRAPH_DOT,
    letter: LETTER_CLOSING,
    readLetter: latinLetter,
    readChapter: romanChapter,
  },
  ar: {
    article: headingRegExp('المادة'),
    chapter: new RegExp(`^الفصل\\s+(\\S+)(?:${TITLE_SEPARATOR})?$`, 'u'),
    endOfText: /^(?:وإثباتا لذلك|وإثباتاً لذلك|حُرِّرت|حررت)/u,
    // "1 - يتخذ كل ..." ; a dot is accepted too.
    paragraph: /^(\d{1,2}|[\u0660-\u0669]{1,2})\s*[-\u2013.]\s+([\s\S]*)$/u,
    letter: /^\(([\u0621-\u064A]\u0640?)\)\s*([\s\S]*)$/u,
    readLetter: (marker) => {
      const at = ABJAD.indexOf(marker.replace(/\u0640/g, ''));
      return at === -1 ? null : LATIN[at]!;
    },
    readChapter: (marker) => {
      const at = ARABIC_ORDINALS.indexOf(marker);
      return at === -1 ? romanOf(readNumber(marker)) : romanOf(at + 1);
    },
  },
  zh: {
    article: new RegExp(`^第\\s*(\\d{1,3}|${CHINESE_NUMERAL}{1,6})\\s*条(?:\\s+(\\S.*))?$`, 'u'),
    chapter: new RegExp(`^第\\s*(${CHINESE_NUMERAL}{1,4}|\\d{1,2})\\s*章(?:\\s+(\\S.*))?$`, 'u'),
    endOfText: /^(?:下列签署人|下列签字人|为此，下列)/u,
    paragraph: new RegExp(`^(${CHINESE_NUMERAL}{1,3}|\\d{1,2})、\\s*([\\s\\S]*)$`, 'u'),
    letter: new RegExp(`^[（(](${CHINESE_NUMERAL}{1,3})[）)]\\s*([\\s\\S]*)$`, 'u'),
    readLetter: (marker) => LATIN[readNumber(marker) - 1] ?? null,
    readChapter: (marker) => romanOf(readNumber(marker)),
  },
};

/** Returns how the text is laid out in a language. */
export function textLayout(language: TextLanguage): TextLayout {
  return LAYOUTS[language];
}

/** Returns the article number of a heading's number group ("28", "٢٨", "二十八", "premier"). */
export function readArticleNumber(marker: string): number {
  return /^premier$/i.test(marker) ? 1 : readNumber(marker);
}
