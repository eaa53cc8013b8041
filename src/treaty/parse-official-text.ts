/**
 * Reads the convention's text from plain lines (as typed, or as extracted from HTML or PDF) into
 * articles and provisions.
 *
 * Rules, in order:
 * 0. Heading words and paragraph markers are those of the text's language (text-languages.ts):
 *    "Artículo 28", "Статья 28", "المادة 28", "第二十八条"; "4." or "四、"; "(b)", "b)" or "（二）".
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
import type { Provision, TextLanguage } from '../domain.js';
import { formatProvisionRef, type OfficialArticle, type OfficialText } from './official-text.js';
import { readArticleNumber, readNumber, textLayout, type TextLayout } from './text-languages.js';

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
// A sentence or list item ends with a stop, colon or semicolon (in any of the six scripts), or "; and".
const ENDS_ITEM = /(?:[.:;\u3002\uff1a\uff1b\u061b]|[;\u061b]\s+(?:and|or|et|ou|y|e|o|u|и|или|و|أو))["\u201d\u00bb)]?$/u;
const CJK_END = /[\u3000-\u9fff\uff00-\uffef]$/u;
const CJK_START = /^[\u3000-\u9fff\uff00-\uffef]/u;

type Heading = { kind: 'article' | 'chapter'; id: string; title: string | null };

/** Returns the articles found in `text` (written in `language`), in document order, each split into provisions. */
export function parseOfficialText(text: string, language: TextLanguage = 'en'): OfficialText {
  const layout = textLayout(language);
  const lines = dropPageFurniture(text.replace(/\r\n?/g, '\n').replace(/\u00ad/g, '').split('\n').map(cleanLine));
  const blocks = groupBlocks(lines, collectVocabulary(lines), layout);
  return { articles: readArticles(blocks, layout) };
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

function readHeading(line: string, layout: TextLayout): Heading | null {
  const article = layout.article.exec(line);
  if (article) return { kind: 'article', id: String(readArticleNumber(article[1]!)), title: article[2] ?? null };
  const chapter = layout.chapter.exec(line);
  const numeral = chapter ? layout.readChapter(chapter[1]!) : null;
  if (chapter && numeral) return { kind: 'chapter', id: numeral, title: chapter[2] ?? null };
  return null;
}

function collectVocabulary(lines: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const line of lines) for (const w of line.toLowerCase().match(/\p{L}+(?:-\p{L}+)*/gu) ?? []) words.add(w);
  return words;
}

function groupBlocks(lines: readonly string[], vocabulary: Set<string>, layout: TextLayout): string[] {
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
    const heading = readHeading(line, layout);
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
    const opensItem = layout.paragraph.test(line) || layout.letter.test(line) || layout.endOfText.test(line);
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
  // Chinese is written without spaces between words, so a line break inside it is no space.
  if (CJK_END.test(before) && CJK_START.test(after)) return before + after;
  const broken = /(\p{L}+)-$/u.exec(before);
  const next = /^(\p{Ll}+)/u.exec(after);
  if (!broken || !next) return `${before} ${after}`;
  const joined = (broken[1]! + next[1]!).toLowerCase();
  const hyphenated = `${broken[1]}-${next[1]}`.toLowerCase();
  const keepHyphen = !vocabulary.has(joined) && vocabulary.has(hyphenated);
  return keepHyphen ? before + after : before.slice(0, -1) + after;
}

function readArticles(blocks: readonly string[], layout: TextLayout): OfficialArticle[] {
  const articles: OfficialArticle[] = [];
  let chapter: string | null = null;
  let article: OfficialArticle | null = null;
  let cursor: { paragraph: number | null; letter: string | null; lastParagraph: number } = { paragraph: null, letter: null, lastParagraph: 0 };
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (article && layout.endOfText.test(block)) break;
    const heading = readHeading(block, layout);
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
    cursor = addBlock(article, block, cursor, layout);
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
  layout: TextLayout,
): typeof cursor {
  const paragraph = layout.paragraph.exec(block);
  if (paragraph && readNumber(paragraph[1]!) === cursor.lastParagraph + 1) {
    const n = readNumber(paragraph[1]!);
    article.provisions.push(makeProvision(article.number, n, null, paragraph[2]!));
    return { paragraph: n, letter: null, lastParagraph: n };
  }
  const letter = layout.letter.exec(block);
  if (letter) {
    const expected = cursor.letter === null ? 'a' : nextLetter(cursor.letter);
    if (layout.readLetter(letter[1]!) === expected) {
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
