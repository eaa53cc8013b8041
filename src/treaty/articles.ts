/** Lookups in the article tables (`Knowledge.articles`): articles by number and version, the zero-draft concordance. */
import type { ArticleInfo, ArticleTables, TextVersion } from '../knowledge/article-tables.js';

/** Number of articles in the final text. */
export const FINAL_ARTICLE_COUNT = 68;

/** Returns the article with that number in that version, or undefined. */
export function findArticle(tables: ArticleTables, number: number, version: TextVersion = 'final'): ArticleInfo | undefined {
  const list = tables[version];
  return list[number - 1]?.number === number ? list[number - 1] : list.find((a) => a.number === number);
}

/** Returns the final-text number of a zero-draft article, or undefined when it has none. */
export function zeroToFinal(tables: ArticleTables, zeroNumber: number): number | undefined {
  return tables.zeroToFinal.get(zeroNumber);
}

/** Returns the zero-draft number of a final-text article, or undefined when it had none. */
export function finalToZero(tables: ArticleTables, finalNumber: number): number | undefined {
  for (const [zero, final] of tables.zeroToFinal) if (final === finalNumber) return zero;
  return undefined;
}
