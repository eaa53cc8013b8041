/** The article tables of `knowledge/`: the final text, the zero draft, the concordance and the drafts. */
import { readdirSync } from 'node:fs';
import { KnowledgeError, parseTsv, readKnowledgeText, type TsvRow } from './knowledge-file.js';

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

/** Every article table, as loaded. */
export interface ArticleTables {
  final: readonly ArticleInfo[];
  zero: readonly ArticleInfo[];
  /** Zero-draft article number -> final-text number. */
  zeroToFinal: ReadonlyMap<number, number>;
  drafts: readonly Draft[];
  /** Final-text titles in other languages (`articles-final.<language>.tsv`), by language code. */
  translatedTitles: ReadonlyMap<string, ReadonlyMap<number, string>>;
}

const NUMBERINGS: readonly Draft['numbering'][] = ['pre', 'zero', 'final'];

/** Reads and checks every article table of a knowledge folder. */
export function readArticleTables(dir: string): ArticleTables {
  const translatedTitles = new Map<string, ReadonlyMap<number, string>>();
  for (const name of readdirSync(dir)) {
    const language = /^articles-final\.([a-z]{2})\.tsv$/.exec(name)?.[1];
    if (!language) continue;
    const rows = readTable(dir, name, ['article', 'title']);
    translatedTitles.set(language, new Map(rows.map((r) => [articleNumber(r, 'article', name), r.cells['title']!])));
  }
  return {
    final: readArticles(dir, 'articles-final.tsv'),
    zero: readArticles(dir, 'articles-zero-draft.tsv'),
    // "-" on either side: the article is new in the final text, or was dropped from it.
    zeroToFinal: new Map(
      readTable(dir, 'concordance-zero-to-final.tsv', ['zero_draft', 'final'])
        .filter((r) => r.cells['zero_draft'] !== '-' && r.cells['final'] !== '-')
        .map((r) => [articleNumber(r, 'zero_draft', 'concordance-zero-to-final.tsv'), articleNumber(r, 'final', 'concordance-zero-to-final.tsv')]),
    ),
    drafts: readTable(dir, 'drafts.tsv', ['id', 'symbol', 'name', 'date', 'numbering']).map((r) => {
      const numbering = r.cells['numbering'] as Draft['numbering'];
      if (!NUMBERINGS.includes(numbering)) throw rowError('drafts.tsv', r, `numbering must be pre, zero or final (got "${numbering}")`);
      const date = r.cells['date']!;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw rowError('drafts.tsv', r, `bad date "${date}" (use YYYY-MM-DD)`);
      const symbol = r.cells['symbol']!;
      return { id: r.cells['id']!, symbol: symbol === '-' ? null : symbol, name: r.cells['name']!, date, numbering };
    }),
    translatedTitles,
  };
}

function readArticles(dir: string, file: string): ArticleInfo[] {
  return readTable(dir, file, ['article', 'title', 'chapter'])
    .map((r) => {
      const chapter = /^([IVXLC]+)\.\s*(.*)$/.exec(r.cells['chapter']!);
      if (!chapter) throw rowError(file, r, `bad chapter "${r.cells['chapter']}" (use "IV. Heading")`);
      return {
        number: articleNumber(r, 'article', file),
        title: r.cells['title']!,
        chapter: chapter[1]!,
        chapterTitle: chapter[2]!,
        confidence: r.cells['confidence'] || 'low',
      };
    })
    .sort((a, b) => a.number - b.number);
}

function readTable(dir: string, file: string, required: readonly string[]): TsvRow[] {
  return parseTsv(readKnowledgeText(dir, file), `knowledge/${file}`, required);
}

function articleNumber(row: TsvRow, column: string, file: string): number {
  const value = row.cells[column]!;
  if (!/^\d+$/.test(value)) throw rowError(file, row, `${column} must be a whole number (got "${value}")`);
  return Number(value);
}

function rowError(file: string, row: TsvRow, problem: string): KnowledgeError {
  return new KnowledgeError(`knowledge/${file}`, row.line, problem);
}
