/**
 * Text normalisation shared by every classifier rule, so that cue phrases are written once, in
 * their natural spelling, and still match "Hà Nội", "Hanoï" and "Ha Noi" alike.
 */

// Only the Latin/Greek/Cyrillic combining block is dropped: kana voicing marks (U+3099, U+309A)
// change the word in Japanese and must stay.
const COMBINING_MARKS = /[\u0300-\u036f]/g;
// Arabic short vowels and hamza seats are often left out in news text; dropping them lets both spellings match.
const ARABIC_MARKS = /[\u064b-\u0655\u0670]/g;
const LETTER_OR_DIGIT = '[\\p{L}\\p{N}]';
// JavaScript's \b only knows ASCII letters, even with the u flag.
const UNICODE_BOUNDARY = `(?:(?<=${LETTER_OR_DIGIT})(?!${LETTER_OR_DIGIT})|(?<!${LETTER_OR_DIGIT})(?=${LETTER_OR_DIGIT}))`;

/** Returns `text` folded for matching: NFKC, lower case, no diacritics, plain quotes and dashes, single spaces. */
export function normalizeText(text: string): string {
  return foldMarks(text.normalize('NFKC').toLowerCase())
    .replace(/[\u2018\u2019\u02bc\u2032`´]/g, "'")
    .replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Returns a case-insensitive Unicode RegExp for a cue pattern, with `\b` made Unicode-aware. */
export function compilePattern(pattern: string): RegExp {
  // Lower-casing the source would break escapes such as \S, so only the marks are folded.
  const source = foldMarks(pattern.normalize('NFKC')).replace(/\\b/g, UNICODE_BOUNDARY);
  try {
    return new RegExp(source, 'iu');
  } catch (cause) {
    throw new Error(`classify: bad cue pattern ${JSON.stringify(pattern)}`, { cause });
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
