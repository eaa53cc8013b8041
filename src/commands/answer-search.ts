/** The `search <words>` command: run the search and format a neutral Message. */
import type { Block, Message, Span } from '../chat/message.js';
import { errorMessage } from '../chat/message.js';
import type { Db } from '../store/db.js';
import { IMPORT_HINT } from './answer-article.js';
import { displayRef } from '../treaty/parse-command-ref.js';
import type { ArticleTables } from '../knowledge/article-tables.js';
import { searchTreaty, type TreatySearch } from '../treaty/search-treaty.js';
import { countArticleTexts } from '../store/treaty-store.js';

/** The usage line shown with every error of the command. */
export const SEARCH_USAGE = 'search <words>';

/** Returns the reply to `search <words>`: matching provisions and items, or an error Message (never throws). */
export function answerSearch(db: Db, tables: ArticleTables, words: string): Message {
  let result: TreatySearch;
  try {
    result = searchTreaty(db, tables, words);
  } catch {
    return errorMessage('The search failed; try other words.', SEARCH_USAGE);
  }
  if (result.query === null) return errorMessage('Give one or more words to search for.', SEARCH_USAGE);
  return formatTreatySearch(result, countArticleTexts(db) > 0);
}

/** Returns a search result as a Message: official text matches first, then items. */
export function formatTreatySearch(result: TreatySearch, textImported: boolean): Message {
  const shown = result.words.trim().slice(0, 80);
  const blocks: Block[] = [{ type: 'heading', text: `Search: ${shown}` }];
  if (result.broadened) blocks.push({ type: 'context', spans: [{ text: 'Nothing matched every word; showing matches of any word.' }] });
  if (result.provisions.length > 0) {
    blocks.push({ type: 'paragraph', spans: [{ text: 'In the convention', bold: true }] });
    blocks.push({
      type: 'list',
      items: result.provisions.map((p) => [{ text: `${refName(p.ref)} (${p.title})`, bold: true }, { text: `: ${p.snippet}` }]),
    });
  } else if (!textImported) {
    blocks.push({ type: 'context', spans: [{ text: 'The official text is not imported, so only items were searched: ' }, { text: IMPORT_HINT, code: true }] });
  }
  if (result.items.length > 0) {
    blocks.push({ type: 'paragraph', spans: [{ text: 'In tracked items', bold: true }] });
    blocks.push({
      type: 'list',
      items: result.items.map((item): Span[] => {
        const date = item.publishedAtMs === null ? 'undated' : new Date(item.publishedAtMs).toISOString().slice(0, 10);
        const title: Span = item.url ? { text: item.title || item.url, url: item.url } : { text: item.title || '(untitled)' };
        return [title, { text: ` (${item.sourceName}, ${date})` }];
      }),
    });
  }
  const found = result.provisions.length + result.items.length;
  if (found === 0) blocks.push({ type: 'paragraph', spans: [{ text: 'Nothing found.' }] });
  return { kind: 'reply', summary: found === 0 ? `Nothing found for "${shown}"` : `Search "${shown}": ${found} matches`, blocks };
}

function refName(ref: string): string {
  const [article, second, third] = ref.split('.');
  const paragraph = second !== undefined && /^\d+$/.test(second) ? Number(second) : null;
  const letter = third ?? (second !== undefined && paragraph === null ? second : null);
  return displayRef(Number(article), paragraph, letter);
}
