/**
 * Text normalisation shared by every classifier rule, so that cue phrases are written once, in
 * their natural spelling, and still match "Hà Nội", "Hanoï" and "Ha Noi" alike.
 */

// Only the Latin/Greek/Cyrillic combining block is dropped: kana voicing marks (U+3099, U+309A)
// change the word in Japanese and must stay.
const COMBINING_MARKS = /[\u0300-\u036f]/g;
// Arabic short vowels and hamza seats are often left out in news text; dropping them lets both spellings match.
const ARABIC_MARKS = /[\u064b-\u0655\u0670]/g;

const ASCII_ONLY = /^[\x00-\x7f]*$/;
// Whitespace runs other than a lone space: replacing these by one space gives what /\s+/g would,
// without rewriting every single space between words (three times faster on prose).
const SPACE_RUNS = /[^\S ]\s*| \s+/g;

/** Returns `text` with every run of white space made one space (as `.replace(/\s+/g, ' ')`, faster). */
export function collapseSpaces(text: string): string {
  return text.replace(SPACE_RUNS, ' ');
}

const ESCAPE_OR_PLAIN = /(\\[pPu]\{[^}]*\}|\\.)|([^\\]+)/g;

/** Returns `text` folded for matching: NFKC, lower case, no diacritics, plain quotes and dashes, single spaces. */
export function normalizeText(text: string): string {
  // Pure ASCII has nothing to compose, decompose or strip, and no curly quote or dash to straighten:
  // only the backtick and the spaces are left to fold (most feed text).
  if (ASCII_ONLY.test(text)) {
    const lower = text.toLowerCase();
    return (lower.includes('`') ? lower.replace(/`/g, "'") : lower).replace(SPACE_RUNS, ' ').trim();
  }
  return foldMarks(text.normalize('NFKC').toLowerCase())
    .replace(/[\u2018\u2019\u02bc\u2032`´]/g, "'")
    .replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(SPACE_RUNS, ' ')
    .trim();
}

/**
 * Returns the Unicode RegExp of a cue pattern, to run on normalizeText output. The pattern is folded
 * like the text and compiled without the `i` flag, and `\b` stays JavaScript's ASCII word boundary:
 * after folding, Latin-script text is nearly all ASCII, and case-folding or Unicode-aware
 * lookarounds made matching a long analysis many times slower.
 */
export function compilePattern(pattern: string): RegExp {
  // Escapes keep their case (\S is not \s, \p{L} is not \p{l}); everything else is folded like the text.
  const source = foldMarks(pattern.normalize('NFKC')).replace(ESCAPE_OR_PLAIN, (_m, escape: string | undefined, plain: string | undefined) =>
    escape ?? (plain ?? '').toLowerCase(),
  );
  try {
    return new RegExp(source, 'u');
  } catch (cause) {
    throw new Error(`knowledge: bad cue pattern ${JSON.stringify(pattern)}`, { cause });
  }
}

function foldMarks(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(ARABIC_MARKS, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/ı/g, 'i')
    .normalize('NFC');
}
