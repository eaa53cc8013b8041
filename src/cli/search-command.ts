import { renderPlainText } from '../chat/render-text.js';
import { countArticleTexts } from '../store/treaty-store.js';
import { formatTreatySearch } from '../commands/answer-search.js';
import { searchTreaty } from '../treaty/search-treaty.js';
import { openCliContext, parseFlags, type CliIo } from './cli-io.js';

/** `treatywatch search <words> [--json]`: prints matching provisions and items; exit 1 when nothing is searchable. */
export async function runSearch(args: string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(args);
  const words = positional.join(' ');
  const { db, knowledge } = openCliContext(io, { classifies: false });
  try {
    const result = searchTreaty(db, knowledge.articles, words);
    if (result.query === null) {
      io.stderr('treatywatch search: give one or more words to search for\nUsage: treatywatch search <words> [--json]\n');
      return 1;
    }
    io.stdout(flags.has('json') ? JSON.stringify(result, null, 2) + '\n' : renderPlainText(formatTreatySearch(result, countArticleTexts(db) > 0)) + '\n');
    return 0;
  } finally {
    db.close();
  }
}
