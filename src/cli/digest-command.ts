import { answerDigest, parseDuration, selectDigestItems } from '../commands/answer-digest.js';
import { collapseStories } from '../deliver/build-digest.js';
import { renderPlainText } from '../chat/render-text.js';
import { openCliContext, parseFlags, type CliIo } from './cli-io.js';

const USAGE = 'Usage: treatywatch digest --since <dur> [--json]   (dur: 90m, 12h, 3d, 2w)';

/** `treatywatch digest --since <dur> [--json]`: prints a digest of the relevant stored items of that period. */
export async function runDigest(args: string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(args, ['since']);
  const since = flags.get('since') ?? '1d';
  const periodMs = typeof since === 'string' ? parseDuration(since) : null;
  if (periodMs === null || positional.length > 0) {
    io.stderr(`${USAGE}\n`);
    return 2;
  }
  const { db } = openCliContext(io);
  try {
    const nowMs = Date.now();
    if (flags.has('json')) {
      const entries = collapseStories(selectDigestItems(db, nowMs - periodMs)).map((e) => ({
        title: e.title, url: e.url, sources: e.sources, date: new Date(e.dateMs).toISOString(), articles: e.articles, concerns: e.concerns, items: e.itemIds,
      }));
      io.stdout(JSON.stringify({ since: new Date(nowMs - periodMs).toISOString(), entries }, null, 2) + '\n');
    } else {
      io.stdout(renderPlainText(answerDigest(db, `since ${since}`, nowMs)) + '\n');
    }
    return 0;
  } finally {
    db.close();
  }
}
