/**
 * The cursor that citation scanning reads with, and the readers of paragraph lists and chapter
 * numerals (see scan-citations.ts for the grammar).
 */

/** Longest paragraph range expanded ("paragraphs 1 to 4"); a longer one names the article only. */
export const MAX_PARAGRAPH_RANGE = 16;

const CHAPTER_NUMERALS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX'];
// After a list number, these words show it was a figure ("Article 5 and 10 days"), not an article.
export const UNIT_WORDS = /^\s*(?:hours?|days?|weeks?|months?|years?|states?|countries|percent|per|million|billion|%|members?|delegations?|times|organi[sz]ations|people)\b/i;
export const RANGE_RE = /\s*(?:-|–|—|\bto\b|\bthrough\b)\s*/y;
const PARAGRAPH_SEPARATOR_RE = /\s*(?:,\s*(?:and|or)?|\s(?:and|or))\s*/y;
const LETTER_GROUP_RE = / ?\(([a-z])\)/y;
const CHAPTER_SEPARATOR_RE = /\s*(?:,\s*(?:and|or)?|\s(?:and|or)|-|–|\bto\b)\s*/y;
const CHAPTER_NUMERAL_RE = /(?:IX|IV|V?I{1,3}|V|[1-9])(?![\w])/y;
const DIGITS_RE = /\d+/y;
const SPACES_RE = /[\s\u00a0\u202f]{0,4}(?:no\.\s*)?/iy;

// Reads "21 and 22", "8 to 31", "3(b)", "1, 2 and 4". A long range ("8 to 31") makes the list
// broad: it tells us the article, not which paragraphs matter.
export function readParagraphNumbers(cursor: Cursor): { items: { paragraph: number; letter: string | null }[]; broad: boolean } {
  const items: { paragraph: number; letter: string | null }[] = [];
  let broad = false;
  const first = cursor.number(2);
  if (first === null) return { items, broad };
  items.push({ paragraph: first, letter: readLetter(cursor) });
  for (;;) {
    const save = cursor.pos;
    const range = cursor.match(RANGE_RE);
    const separator = range === null ? cursor.match(PARAGRAPH_SEPARATOR_RE) : null;
    const next = range !== null || separator !== null ? cursor.number(2) : null;
    if (next === null || UNIT_WORDS.test(cursor.rest(20))) {
      cursor.pos = save;
      return { items, broad };
    }
    const from = items[items.length - 1]!.paragraph;
    if (range === null) items.push({ paragraph: next, letter: readLetter(cursor) });
    else if (next > from && next - from < MAX_PARAGRAPH_RANGE) {
      for (let p = from + 1; p <= next; p++) items.push({ paragraph: p, letter: null });
    } else broad = true;
  }
}

function readLetter(cursor: Cursor): string | null {
  const group = cursor.match(LETTER_GROUP_RE);
  return group ? group.replace(/[\s()]/g, '') : null;
}

export function readChapterList(cursor: Cursor): string[] {
  const chapters: string[] = [];
  for (;;) {
    const save = cursor.pos;
    if (chapters.length > 0 && cursor.match(CHAPTER_SEPARATOR_RE) === null) break;
    if (chapters.length === 0) cursor.skipSpaces();
    const numeral = cursor.match(CHAPTER_NUMERAL_RE);
    if (numeral === null) {
      cursor.pos = save;
      break;
    }
    chapters.push(/^\d$/.test(numeral) ? CHAPTER_NUMERALS[Number(numeral) - 1]! : numeral);
  }
  return chapters;
}

// A position in the text with sticky-regex helpers; every pattern is anchored and linear.
export class Cursor {
  constructor(
    readonly text: string,
    public pos: number,
  ) {}

  match(re: RegExp): string | null {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m) return null;
    this.pos += m[0].length;
    return m[0];
  }

  number(maxDigits: number): number | null {
    const m = this.match(DIGITS_RE);
    if (m === null) return null;
    if (m.length > maxDigits) {
      this.pos -= m.length;
      return null;
    }
    return Number(m);
  }

  skipSpaces(): void {
    this.match(SPACES_RE);
  }

  rest(length: number): string {
    return this.text.slice(this.pos, this.pos + length);
  }
}
