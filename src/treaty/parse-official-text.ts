/**
 * Reads the convention's text from plain lines (as typed, or as extracted from HTML or PDF) into
 * articles and provisions.
 *
 * Rules, in order:
 * 1. Lines are grouped into blocks. A blank line ends a block; so does a heading line ("Article 28",
 *    "Chapter IV"), whose next line is its title. A line opening with "1." or "(a)" starts a block
 *    only when the line before it ended a sentence or a list item (".", ":", ";", "; and", "; or"),
 *    so a wrapped "paragraph 1\n(a) of this article" stays one sentence.
 * 2. Inside a block, lines are joined with a space; a word broken with a hyphen at a line end is
 *    rejoined, keeping the hyphen only when the document writes that word with a hyphen elsewhere.
 * 3. Everything before the first article heading (resolution, preamble) and from "IN WITNESS
 *    WHEREOF" on is left out.
 * 4. Page furniture is dropped wherever it falls, even between a heading and its title: UN job
 *    numbers with or without the page ("24-24316 17/41", "18/41 24-24316"), page numbers ("- 17 -"),
 *    running heads that carry the document symbol ("A/RES/79/243"), barcodes and "Please recycle".
 * 5. In an article, "N." opens paragraph N when N follows the previous paragraph; "(x)" opens
 *    subparagraph x when x is the next letter; "(i)", "(ii)"... after another letter are roman
 *    items kept inside their subparagraph. Any other block continues the current provision.
 */
import type { Provision } from '../domain.js';
import { formatProvisionRef, type OfficialArticle, type OfficialText } from './official-text.js';

const ARTICLE_ALONE = /^(?:Article|ARTICLE)\s+(\d{1,3})$/;
const ARTICLE_WITH_TITLE = /^(?:Article|ARTICLE)\s+(\d{1,3})\s*(?:[.:\u2013\u2014]|\s-)\s*(\S.*)$/;
const CHAPTER_ALONE = /^(?:Chapter|CHAPTER)\s+([IVXLC]+)$/;
const CHAPTER_WITH_TITLE = /^(?:Chapter|CHAPTER)\s+([IVXLC]+)\s*(?:[.:\u2013\u2014]|\s-)\s*(\S.*)$/;
const END_OF_TEXT = /^(?:IN WITNESS WHEREOF|In witness whereof|DONE at|Done at)\b/;
const PARAGRAPH_MARKER = /^(\d{1,2})\.\s+([\s\S]*)$/;
const LETTER_MARKER = /^\(([a-z]{1,5})\)\s*([\s\S]*)$/;
// UN documents print a job number ("24-24316", "V.24-12345 (E)") and "page/pages" on every page.
const JOB_NUMBER = String.raw`(?:[A-Z]\.)?\d{2}-\d{5}(?:\s*\([A-Z]\))?`;
const PAGE_FURNITURE: readonly RegExp[] = [
  new RegExp(String.raw`^${JOB_NUMBER}(?:\s+\d{1,3}\/\d{1,3})?$`),
  new RegExp(String.raw`^\d{1,3}\/\d{1,3}(?:\s+${JOB_NUMBER})?$`),
  /^[-\u2013]\s*\d{1,3}\s*[-\u2013]$/,
  // A running head starts or ends with the document symbol.
  /^A\/(?:RES\/)?\d{2,3}\/[\w./-]+(?:\s.*)?$/,
  /^.*\sA\/(?:RES\/)?\d{2,3}\/[\w./-]+$/,
  /^\*\d{7,8}\*$/,
  /^Please recycle$/i,
];
const ENDS_ITEM = /(?:[.:;]|;\s+(?:and|or))["\u201d)]?$/;

type Heading = { kind: 'article' | 'chapter'; id: string; title: string | null };

/** Returns the articles found in `text`, in document order, each split into provisions. */
export function parseOfficialText(text: string): OfficialText {
  const lines = dropPageFurniture(text.replace(/\r\n?/g, '\n').replace(/\u00ad/g, '').split('\n').map(cleanLine));
  const blocks = groupBlocks(lines, collectVocabulary(lines));
  return { articles: readArticles(blocks) };
}

function cleanLine(line: string): string {
  return line.replace(/[\u00a0\u2000-\u200b\u202f\t]/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Returns whether a line is printed on every page (job number, page number, running head) rather than text. */
export function isPageFurniture(line: string): boolean {
  return line !== '' && line.length <= 400 && PAGE_FURNITURE.some((p) => p.test(line));
}

// A page break falls mid-sentence more often than not, so the blank lines around the furniture go too.
function dropPageFurniture(lines: readonly string[]): string[] {
  const kept: string[] = [];
  let afterFurniture = false;
  for (const line of lines) {
    if (isPageFurniture(line)) {
      while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
      afterFurniture = true;
    } else if (!(afterFurniture && line === '')) {
      kept.push(line);
      afterFurniture = false;
    }
  }
  return kept;
}

function readHeading(line: string): Heading | null {
  let m = ARTICLE_ALONE.exec(line);
  if (m) return { kind: 'article', id: m[1]!, title: null };
  m = ARTICLE_WITH_TITLE.exec(line);
  if (m) return { kind: 'article', id: m[1]!, title: m[2]! };
  m = CHAPTER_ALONE.exec(line);
  if (m) return { kind: 'chapter', id: m[1]!, title: null };
  m = CHAPTER_WITH_TITLE.exec(line);
  if (m) return { kind: 'chapter', id: m[1]!, title: m[2]! };
  return null;
}

function collectVocabulary(lines: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const line of lines) for (const w of line.toLowerCase().match(/\p{L}+(?:-\p{L}+)*/gu) ?? []) words.add(w);
  return words;
}

function groupBlocks(lines: readonly string[], vocabulary: Set<string>): string[] {
  const blocks: string[] = [];
  let current: string | null = null;
  let titleNext = false;
  const flush = () => {
    if (current !== null && current !== '') blocks.push(current);
    current = null;
  };
  for (const line of lines) {
    if (line === '') {
      flush();
      continue;
    }
    const heading = readHeading(line);
    if (heading) {
      flush();
      blocks.push(line);
      titleNext = heading.title === null;
      continue;
    }
    if (titleNext) {
      flush();
      blocks.push(line);
      titleNext = false;
      continue;
    }
    const opensItem = PARAGRAPH_MARKER.test(line) || LETTER_MARKER.test(line) || END_OF_TEXT.test(line);
    if (current === null || (opensItem && ENDS_ITEM.test(current))) {
      flush();
      current = line;
    } else {
      current = joinLines(current, line, vocabulary);
    }
  }
  flush();
  return blocks;
}

function joinLines(before: string, after: string, vocabulary: Set<string>): string {
  const broken = /(\p{L}+)-$/u.exec(before);
  const next = /^(\p{Ll}+)/u.exec(after);
  if (!broken || !next) return `${before} ${after}`;
  const joined = (broken[1]! + next[1]!).toLowerCase();
  const hyphenated = `${broken[1]}-${next[1]}`.toLowerCase();
  const keepHyphen = !vocabulary.has(joined) && vocabulary.has(hyphenated);
  return keepHyphen ? before + after : before.slice(0, -1) + after;
}

function readArticles(blocks: readonly string[]): OfficialArticle[] {
  const articles: OfficialArticle[] = [];
  let chapter: string | null = null;
  let article: OfficialArticle | null = null;
  let cursor: { paragraph: number | null; letter: string | null; lastParagraph: number } = { paragraph: null, letter: null, lastParagraph: 0 };
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (article && END_OF_TEXT.test(block)) break;
    const heading = readHeading(block);
    if (heading?.kind === 'chapter') {
      chapter = heading.id;
      if (heading.title === null) i++;
      continue;
    }
    if (heading?.kind === 'article') {
      let title = heading.title;
      if (title === null) title = blocks[++i] ?? '';
      article = { number: Number(heading.id), title: title.trim(), chapter, provisions: [] };
      article.provisions.push(makeProvision(article.number, null, null, ''));
      articles.push(article);
      cursor = { paragraph: null, letter: null, lastParagraph: 0 };
      continue;
    }
    if (!article) continue;
    cursor = addBlock(article, block, cursor);
  }
  for (const a of articles) {
    // The article's own row is kept even when empty so every article has a stored unit to look up.
    a.provisions = a.provisions.filter((p, i) => i === 0 || p.text !== '');
  }
  return articles;
}

function addBlock(
  article: OfficialArticle,
  block: string,
  cursor: { paragraph: number | null; letter: string | null; lastParagraph: number },
): typeof cursor {
  const paragraph = PARAGRAPH_MARKER.exec(block);
  if (paragraph && Number(paragraph[1]) === cursor.lastParagraph + 1) {
    const n = Number(paragraph[1]);
    article.provisions.push(makeProvision(article.number, n, null, paragraph[2]!));
    return { paragraph: n, letter: null, lastParagraph: n };
  }
  const letter = LETTER_MARKER.exec(block);
  if (letter) {
    const expected = cursor.letter === null ? 'a' : nextLetter(cursor.letter);
    if (letter[1] === expected) {
      article.provisions.push(makeProvision(article.number, cursor.paragraph, expected, letter[2]!));
      return { ...cursor, letter: expected };
    }
  }
  const last = article.provisions[article.provisions.length - 1]!;
  last.text = last.text === '' ? block : `${last.text}\n${block}`;
  return cursor;
}

function nextLetter(letter: string): string {
  // Past "z" the convention does not go on; an empty string matches no marker.
  if (letter.length !== 1 || letter === 'z') return '';
  return String.fromCharCode(letter.charCodeAt(0) + 1);
}

function makeProvision(article: number, paragraph: number | null, letter: string | null, text: string): Provision {
  return { ref: formatProvisionRef(article, paragraph, letter), article, paragraph, letter, text: text.trim() };
}
