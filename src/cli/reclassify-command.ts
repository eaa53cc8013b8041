import { withWriteLease } from '../store/lease-store.js';
import { reclassifyStoredItems } from '../poll/tag-and-route.js';
import { openCliContext, parseFlags, type CliIo } from './cli-io.js';

/** `treatywatch reclassify [--json]`: re-tags every stored item with the current rules and prints how many changed. */
export async function runReclassify(args: string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(args);
  if (positional.length > 0) {
    io.stderr('usage: treatywatch reclassify [--json]\n');
    return 2;
  }
  const { db, log, knowledge } = openCliContext(io);
  try {
    const started = Date.now();
    const { items, changed } = await withWriteLease(db, 'reclassify', () => reclassifyStoredItems(db, knowledge, started));
    log.info('reclassified items', { items, changed, duration_ms: Date.now() - started });
    io.stdout(flags.has('json') ? JSON.stringify({ items, changed }) + '\n' : `reclassified ${items} items, ${changed} changed\n`);
    return 0;
  } finally {
    db.close();
  }
}
