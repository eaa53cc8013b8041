import { readFileSync } from 'node:fs';
import { projectPath } from '../project-path.js';

/** One article of a draft or of the final text. */
export interface ArticleInfo {
  number: number;
  title: string;
  /** Roman numeral of the chapter, e.g. "IV". */
  chapter: string;
  /** Chapter heading without the numeral, e.g. "Procedural measures and law enforcement". */
  chapterTitle: string;
  confidence: string;
}

export type TextVersion = 'final' | 'zero';

/** A negotiating text, in date order; `numbering` says which article numbers it uses. */
export interface Draft {
  id: string;
  symbol: string | null;
  name: string;
  /** YYYY-MM-DD */
  date: string;
  numbering: 'pre' | 'zero' | 'final';
}

/** Number of articles in the final text. */
export const FINAL_ARTICLE_COUNT = 68;

let cache: { final: ArticleInfo[]; zero: ArticleInfo[]; zeroToFinal: Map<number, number>; drafts: Draft[] } | undefined;

/** Returns the articles of the final text (or of the zero draft), ordered by number. */
export function listArticles(version: TextVersion = 'final'): readonly ArticleInfo[] {
  return load()[version];
}

/** Returns the article with that number in that version, or undefined. */
export function findArticle(number: number, version: TextVersion = 'final'): ArticleInfo | undefined {
  return load()[version][number - 1]?.number === number
    ? load()[version][number - 1]
    : load()[version].find((a) => a.number === number);
}

/** Returns the final-text number of a zero-draft article, or undefined when it has none. */
export function zeroToFinal(zeroNumber: number): number | undefined {
  return load().zeroToFinal.get(zeroNumber);
}

/** Returns the zero-draft number of a final-text article, or undefined when it had none. */
export function finalToZero(finalNumber: number): number | undefined {
  for (const [zero, final] of load().zeroToFinal) if (final === finalNumber) return zero;
  return undefined;
}

/** Returns the negotiating texts in date order. */
export function listDrafts(): readonly Draft[] {
  return load().drafts;
}

function load() {
  cache ??= {
    final: readArticles('articles-final.tsv'),
    zero: readArticles('articles-zero-draft.tsv'),
    zeroToFinal: new Map(
      readTsv('concordance-zero-to-final.tsv').map((r) => [Number(r['zero_draft']), Number(r['final'])]),
    ),
    drafts: readTsv('drafts.tsv').map((r) => ({
      id: r['id']!,
      symbol: r['symbol'] === '-' ? null : r['symbol']!,
      name: r['name']!,
      date: r['date']!,
      numbering: r['numbering'] as Draft['numbering'],
    })),
  };
  return cache;
}

function readArticles(file: string): ArticleInfo[] {
  return readTsv(file)
    .map((r) => {
      const chapter = /^([IVXLC]+)\.\s*(.*)$/.exec(r['chapter'] ?? '');
      if (!chapter) throw new Error(`treaty: ${file}: bad chapter "${r['chapter']}" for article ${r['article']}`);
      return {
        number: Number(r['article']),
        title: r['title']!,
        chapter: chapter[1]!,
        chapterTitle: chapter[2]!,
        confidence: r['confidence'] ?? 'low',
      };
    })
    .sort((a, b) => a.number - b.number);
}

/** Returns the rows of a tab-separated file in `knowledge/` as objects keyed by the header. */
export function readTsv(file: string): Record<string, string>[] {
  const lines = readFileSync(projectPath('knowledge', file), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines.shift() ?? '').split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}
