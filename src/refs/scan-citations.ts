/**
 * Finds article, paragraph and chapter citations in free text: the tokenizer and grammar stage of
 * mention extraction. It knows nothing about instruments or numberings; later stages bind and
 * resolve what it finds.
 *
 * Grammar (a citation starts only at a keyword, so "28.4 million" or "on 28.4.2024" never count):
 *   article-cite   := ("Article" | "Articles" | "Art." | "Arts.") item (separator item | range)*
 *   item           := NUMBER chain | "(" PARA ")" | "(" LETTER ")"      -- bare groups are siblings
 *   chain          := ("(" PARA ")" | "." PARA | "/" PARA | ", para(graph) N" | "(" LETTER ")")*
 *   range          := ("-" | "–" | "to" | "through") NUMBER
 *   paragraph-cite := ("paragraph" | "paragraphs" | "para." | "paras.") N-list ["of" ("Article N" | "this article")]
 *   chapter-cite   := ("Chapter" | "Chapters") (ROMAN | DIGIT) (separator (ROMAN | DIGIT))*
 * Lists and ranges carry the parent level forward: "Article 40, paragraphs 21 and 22" is 40.21 and
 * 40.22; "Article 47(1)(b)(f)" is 47.1.b and 47.1.f. A roman group after a letter ("(b)(ii)") is a
 * sub-item below our finest level and is read past.
 */

import { Cursor, MAX_PARAGRAPH_RANGE, RANGE_RE, readChapterList, readParagraphNumbers, UNIT_WORDS } from './citation-cursor.js';

/** Article, paragraph and letter of one cited provision; article is null for a bare "paragraph 22". */
export interface CitedRef {
  article: number | null;
  paragraph: number | null;
  letter: string | null;
}

/** One citation span found in the text. */
export interface Citation {
  kind: 'article' | 'paragraph' | 'chapter';
  start: number;
  end: number;
  raw: string;
  /** The keyword as written ("Article", "ARTICLE", "Arts."). */
  keyword: string;
  refs: CitedRef[];
  /** A range too long to expand ("Articles 23 to 52"), kept as its two ends. */
  longRange: { from: number; to: number } | null;
  /** Chapter numerals for a chapter citation ("IV", "V"). */
  chapters: string[];
  /** True when "of this article" tied a bare paragraph to the article under discussion. */
  thisArticle: boolean;
}

/**
 * Longest range expanded into one mention per article: every range within the final text's 68
 * articles is expanded, so a lookup of Article 40 finds an item citing "Articles 35 to 52".
 */
export const MAX_EXPANDED_RANGE = 68;

const ANCHOR_RE = /\b(?:articles?|arts?\.?|paragraphs?|paras?\.?|chapters?)(?![A-Za-z-])/gi;
const ROMAN_SUB_ITEMS = new Set(['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii']);
// Sticky patterns used by the cursor, compiled once.
const LIST_SEPARATOR_RE = /\s*(?:,\s*(?:and|or|as well as)?|\s(?:and|or|as well as)|\/|&)\s*/y;
const GROUP_RE = / ?\(\s*(\d{1,2}|[a-z]{1,4})\s*\)/y;
const DOTTED_PARAGRAPH_RE = /[./]\d{1,2}(?!\d)(?!\.\d)/y;
const DOTTED_LETTER_RE = /\.([a-z])(?![\w])/y;
const PARAGRAPH_KEYWORD_RE = /,?\s*(?:paragraphs?|paras?\.?|¶|§)\s*(?=\d)/iy;
// The far end of a range of groups: "(a)-(c)", "(1)-(2)", "(a) to (d)".
const GROUP_RANGE_RE = /\s*(?:-|–|—|\bto\b|\bthrough\b)\s*\(\s*(\d{1,2}|[a-z])\s*\)/y;
const SUBPARAGRAPH_RE = /,?\s*(?:sub-?paragraphs?|subparas?\.?)\s*\(?([a-z])\)?(?![\w])/iy;
const SIBLING_GROUP_RE = /\(\s*(\d{1,2}|[a-z])\s*\)/y;
const SIBLING_LETTER_RE = /\s?\(([a-z])\)/y;
const PARAGRAPH_OWNER_RE = /,?\s+(?:of|in|under)\s+(?:(?:the\s+)?(?:article|art\.?)\s*(?=\d)|(?:this|that|the same)\s+article\b)/iy;

/** Returns every citation in `text`, in order, without overlaps. */
export function scanCitations(text: string): Citation[] {
  const citations: Citation[] = [];
  ANCHOR_RE.lastIndex = 0;
  for (let match = ANCHOR_RE.exec(text); match; match = ANCHOR_RE.exec(text)) {
    const citation = readCitation(text, match.index, match[0]);
    if (citation) {
      citations.push(citation);
      ANCHOR_RE.lastIndex = citation.end;
    }
  }
  return citations;
}

function readCitation(text: string, start: number, keyword: string): Citation | null {
  const cursor = new Cursor(text, start + keyword.length);
  const lower = keyword.toLowerCase();
  // Citations are built as whole literals: object spread is many times slower here, on every keyword.
  if (lower.startsWith('chapter')) {
    const chapters = readChapterList(cursor);
    return chapters.length ? citation('chapter', text, start, keyword, cursor.pos, [], null, chapters, false) : null;
  }
  if (lower.startsWith('para')) return readParagraphCitation(text, cursor, start, keyword);

  const plural = lower.startsWith('articles') || lower.startsWith('arts');
  const list = readArticleList(cursor, plural);
  if (!list || (list.refs.length === 0 && list.longRange === null)) return null;
  return citation('article', text, start, keyword, list.end, list.refs, list.longRange, [], false);
}

function citation(
  kind: Citation['kind'], text: string, start: number, keyword: string, end: number,
  refs: CitedRef[], longRange: Citation['longRange'], chapters: string[], thisArticle: boolean,
): Citation {
  return { kind, start, end, raw: text.slice(start, end), keyword, refs, longRange, chapters, thisArticle };
}

function readArticleList(cursor: Cursor, plural: boolean) {
  cursor.skipSpaces();
  const first = cursor.number(3);
  if (first === null) return null;
  const refs: CitedRef[] = [];
  let longRange: { from: number; to: number } | null = null;
  readChain(cursor, first, refs);
  let end = cursor.pos;

  for (;;) {
    const save = cursor.pos;
    const range = cursor.match(RANGE_RE);
    if (range !== null) {
      const to = cursor.number(3);
      const from = refs[refs.length - 1]?.article ?? null;
      if (to !== null && from !== null && to > from && !UNIT_WORDS.test(cursor.rest(20))) {
        if (to - from + 1 <= MAX_EXPANDED_RANGE) {
          for (let n = from + 1; n <= to; n++) refs.push({ article: n, paragraph: null, letter: null });
        } else {
          longRange = { from, to };
          refs.pop();
        }
        end = cursor.pos;
        continue;
      }
      cursor.pos = save;
      break;
    }
    const separator = cursor.match(LIST_SEPARATOR_RE);
    if (separator === null) break;
    const sibling = readSiblingGroup(cursor, refs);
    if (sibling) {
      end = cursor.pos;
      continue;
    }
    const next = cursor.number(3);
    // A singular "Article 23(1) and 24" still lists, unless the number is a figure ("and 10 days").
    if (next === null || (!plural && UNIT_WORDS.test(cursor.rest(20)))) {
      cursor.pos = save;
      break;
    }
    const last = refs[refs.length - 1];
    // "Articles 28/4" is 28(4) while "Articles 45/46" lists: a slash number above the article is a sibling.
    if (separator.trim() === '/' && last && last.article !== null && next < last.article && last.paragraph === null) {
      last.paragraph = next;
      end = cursor.pos;
      continue;
    }
    readChain(cursor, next, refs);
    end = cursor.pos;
  }
  cursor.pos = end;
  return { refs, end, longRange };
}

// Reads the subdivisions after an article number and pushes one ref per leaf.
function readChain(cursor: Cursor, article: number, refs: CitedRef[]): void {
  let paragraph: number | null = null;
  let letter: string | null = null;
  let pushed = 0;
  for (;;) {
    const group = cursor.match(GROUP_RE);
    if (group !== null) {
      const inner = group.replace(/[\s()]/g, '');
      if (/^\d+$/.test(inner)) {
        if (paragraph !== null || letter !== null) {
          cursor.pos -= group.length;
          break;
        }
        paragraph = Number(inner);
        // "24(1)-(2)": every paragraph of the range.
        const last = readGroupRangeEnd(cursor, (end) => /^\d+$/.test(end) && Number(end) > paragraph! && Number(end) - paragraph! < MAX_PARAGRAPH_RANGE);
        if (last !== null) {
          for (let p = paragraph; p < Number(last); p++) refs.push({ article, paragraph: p, letter: null });
          pushed += Number(last) - paragraph;
          paragraph = Number(last);
        }
        continue;
      }
      if (letter !== null && ROMAN_SUB_ITEMS.has(inner)) continue;
      if (inner.length !== 1) {
        cursor.pos -= group.length;
        break;
      }
      if (letter !== null) {
        refs.push({ article, paragraph, letter });
        pushed++;
      }
      letter = inner;
      // "47(1)(a)-(c)": every letter of the range.
      const lastLetter = readGroupRangeEnd(cursor, (end) => /^[a-z]$/.test(end) && end > inner);
      if (lastLetter !== null) {
        for (let c = inner.charCodeAt(0); c < lastLetter.charCodeAt(0); c++) refs.push({ article, paragraph, letter: String.fromCharCode(c) });
        pushed += lastLetter.charCodeAt(0) - inner.charCodeAt(0);
        letter = lastLetter;
      }
      continue;
    }
    if (paragraph === null && letter === null) {
      const dotted = cursor.match(DOTTED_PARAGRAPH_RE);
      if (dotted !== null) {
        if (dotted.startsWith('/') && Number(dotted.slice(1)) > article) {
          cursor.pos -= dotted.length;
          break;
        }
        paragraph = Number(dotted.slice(1));
        const dottedLetter = cursor.match(DOTTED_LETTER_RE);
        if (dottedLetter !== null) letter = dottedLetter.slice(1);
        continue;
      }
      const keyed = cursor.match(PARAGRAPH_KEYWORD_RE);
      if (keyed !== null) {
        const { items, broad } = readParagraphNumbers(cursor);
        const lastParagraph = items[items.length - 1];
        if (broad || !lastParagraph) break;
        for (const p of items.slice(0, -1)) refs.push({ article, paragraph: p.paragraph, letter: p.letter });
        paragraph = lastParagraph.paragraph;
        letter = lastParagraph.letter;
        pushed += items.length - 1;
        continue;
      }
    }
    const sub = cursor.match(SUBPARAGRAPH_RE);
    if (sub !== null && letter === null) {
      letter = sub.replace(/.*?\(?([a-z])\)?$/i, '$1').toLowerCase();
      continue;
    }
    if (sub !== null) cursor.pos -= sub.length;
    break;
  }
  // Text glued to the number ("Article 6bis", "Article 28a") is not a provision we can name.
  if (pushed === 0 && paragraph === null && letter === null && /^[A-Za-z]/.test(cursor.rest(1))) return;
  refs.push({ article, paragraph, letter });
}

// Reads the far end of a group range ("-(c)") when `accept` takes it; otherwise reads nothing.
function readGroupRangeEnd(cursor: Cursor, accept: (end: string) => boolean): string | null {
  const save = cursor.pos;
  const m = cursor.match(GROUP_RANGE_RE);
  if (m === null) return null;
  const end = m.replace(/^.*\(\s*|\s*\)$/g, '');
  if (accept(end)) return end;
  cursor.pos = save;
  return null;
}

// A bare "(4)" or "(f)" after a list separator repeats the last ref's level: "40(3) and (4)".
function readSiblingGroup(cursor: Cursor, refs: CitedRef[]): boolean {
  const last = refs[refs.length - 1];
  if (!last || last.article === null) return false;
  const group = cursor.match(SIBLING_GROUP_RE);
  if (group === null) return false;
  const inner = group.replace(/[\s()]/g, '');
  if (/^\d+$/.test(inner) && last.paragraph !== null) {
    const paragraph = Number(inner);
    const letter = cursor.match(SIBLING_LETTER_RE);
    refs.push({ article: last.article, paragraph, letter: letter ? letter.replace(/[\s()]/g, '') : null });
    return true;
  }
  if (/^[a-z]$/.test(inner) && last.letter !== null) {
    refs.push({ article: last.article, paragraph: last.paragraph, letter: inner });
    return true;
  }
  cursor.pos -= group.length;
  return false;
}

function readParagraphCitation(text: string, cursor: Cursor, start: number, keyword: string): Citation | null {
  cursor.skipSpaces();
  const { items, broad } = readParagraphNumbers(cursor);
  if (items.length === 0) return null;
  let end = cursor.pos;
  let article: number | null = null;
  let thisArticle = false;
  const owner = cursor.match(PARAGRAPH_OWNER_RE);
  if (owner !== null) {
    thisArticle = /\b(?:this|that|same)\s+article$/i.test(owner);
    article = thisArticle ? null : cursor.number(3);
    end = cursor.pos;
  }
  const refs = broad
    ? [{ article, paragraph: null, letter: null }]
    : items.map((p) => ({ article, paragraph: p.paragraph, letter: p.letter }));
  return citation('paragraph', text, start, keyword, end, refs, null, [], thisArticle);
}
