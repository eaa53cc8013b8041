import { answerDigest, selectDigestItems } from '../commands/answer-digest.js';
import { parseDigestPeriod } from '../commands/parse-digest-period.js';
import { collapseStories } from '../deliver/build-digest.js';
import { renderPlainText } from '../chat/render-text.js';
import { openCliContext, parseFlags, type CliIo } from './cli-io.js';

const USAGE = 'Usage: treatywatch digest [today|week|all|since <n><unit>|since <YYYY-MM-DD>] [--since <n><unit>] [--json]';

/**
 * `treatywatch digest [period] [--json]`: prints a digest of the relevant stored items of a period,
 * read as chat reads it (`digest today`, `digest since 2y`); `--since 3d` is the same as `since 3d`,
 * and no period means the last day.
 */
export async function runDigest(args: string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(args, ['since']);
  const since = flags.get('since');
  if (since !== undefined && positional.length > 0) {
    io.stderr(`treatywatch digest: give the period once, as words or with --since\n${USAGE}\n`);
    return 2;
  }
  const words = typeof since === 'string' ? `since ${since}` : positional.length > 0 ? positional.join(' ') : 'since 1d';
  const nowMs = Date.now();
  const period = parseDigestPeriod(words, nowMs, 'UTC');
  if (!period.ok) {
    io.stderr(`treatywatch digest: ${period.error}\n${USAGE}\n`);
    return 2;
  }
  const { db, knowledge } = openCliContext(io, { classifies: false });
  try {
    if (flags.has('json')) {
      const entries = collapseStories(selectDigestItems(db, period.sinceMs)).map((e) => ({
        title: e.title, url: e.url, sources: e.sources, date: new Date(e.dateMs).toISOString(), articles: e.articles, concerns: e.concerns, items: e.itemIds,
      }));
      io.stdout(JSON.stringify({ since: new Date(period.sinceMs).toISOString(), entries }, null, 2) + '\n');
    } else {
      io.stdout(renderPlainText(answerDigest(db, knowledge.concerns, words, nowMs)) + '\n');
    }
    return 0;
  } finally {
    db.close();
  }
}
