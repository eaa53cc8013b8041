import { renderPlainText } from '../chat/render-text.js';
import { loadKnowledge } from '../knowledge/load-knowledge.js';
import { parseCommandRef } from '../treaty/parse-command-ref.js';
import { formatArticleLookup } from '../commands/answer-article.js';
import { lookupArticle } from '../treaty/lookup-article.js';
import { openCliContext, parseFlags, type CliIo } from './cli-io.js';

const USAGE = 'Usage: treatywatch article <ref> [zero|final] [ar|zh|en|fr|ru|es] [--json]\n';

/** `treatywatch article <ref> [zero|final] [ar|zh|en|fr|ru|es] [--json]`: prints the lookup; exit 1 for a ref not in the treaty. */
export async function runArticle(args: string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(args);
  if (positional.length === 0) {
    io.stderr(`treatywatch article: give an article reference, e.g. 28.4\n${USAGE}`);
    return 2;
  }
  const knowledge = loadKnowledge({ concernModel: false });
  const parsed = parseCommandRef(knowledge.articles, positional.join(' '), 'final');
  if (!parsed.ok) {
    if (flags.has('json')) io.stdout(JSON.stringify({ error: parsed.error, suggestions: parsed.suggestions }, null, 2) + '\n');
    io.stderr(`treatywatch article: ${parsed.error}\n${USAGE}`);
    return 1;
  }
  const { db } = openCliContext(io, { knowledge });
  try {
    const lookup = lookupArticle(db, knowledge.articles, parsed.ref);
    io.stdout(flags.has('json') ? JSON.stringify(lookup, null, 2) + '\n' : renderPlainText(formatArticleLookup(lookup)) + '\n');
    return 0;
  } finally {
    db.close();
  }
}
