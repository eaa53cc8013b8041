import type { EnrichOutcome } from '../enrich/enrich-item.js';
import { createEnrichWorker } from '../enrich/enrich-worker.js';
import { parseInterval } from '../poll/source-list.js';
import { countDueFullTexts, listBackfillItemIds, requeueFullText } from '../store/fulltext-store.js';
import { withWriteLease } from '../store/lease-store.js';
import { openCliContext, parseFlags, type CliIo } from './cli-io.js';

const USAGE = 'Usage: treatywatch enrich [--since 30d]';
/** The period a backfill covers when none is given. */
export const DEFAULT_BACKFILL = '30d';
const BAR_WIDTH = 30;

/**
 * `treatywatch enrich [--since 30d]`: reads the pages of stored items from the period that were
 * never enriched (or were skipped or gave up), with a progress bar on a terminal and one line per
 * page otherwise. It writes, so it holds the instance lease: a running bot enriches on its own.
 */
export async function runEnrich(args: string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(args, ['since']);
  const since = flags.get('since') ?? DEFAULT_BACKFILL;
  if (positional.length > 0 || typeof since !== 'string' || [...flags.keys()].some((k) => k !== 'since')) {
    io.stderr(`${USAGE}\n`);
    return 2;
  }
  let periodMs: number;
  try {
    periodMs = parseInterval(since, 'enrich --since');
  } catch (err) {
    io.stderr(`treatywatch enrich: ${(err as Error).message.replace(/^enrich --since: /, '--since: ')}\n${USAGE}\n`);
    return 2;
  }
  const { config, log, knowledge, db } = openCliContext(io);
  try {
    if (!config.fullText.enabled) {
      io.stderr('treatywatch enrich: full text is switched off (TREATYWATCH_FULL_TEXT=off)\n');
      return 1;
    }
    const result = await withWriteLease(db, 'enrich', async () => {
      const startedMs = Date.now();
      const queued = requeueFullText(db, listBackfillItemIds(db, startedMs - periodMs), startedMs);
      const total = countDueFullTexts(db, startedMs);
      const progress = createProgress(io, total);
      const worker = createEnrichWorker({ db, knowledge, log, now: Date.now, hostIntervalMs: config.fullText.hostIntervalMs, onOutcome: progress.update });
      await worker.drain();
      progress.end();
      return { queued, ...progress.counts };
    });
    io.stdout(`enriched ${result.done} pages, ${result.failed} left with their summary, ${result.retry} to retry later (${result.queued} queued from the last ${since})\n`);
    return 0;
  } finally {
    db.close();
  }
}

function createProgress(io: CliIo, total: number) {
  const counts = { done: 0, failed: 0, retry: 0 };
  let seen = 0;
  const bar = io.progress;
  const draw = () => {
    const filled = total === 0 ? BAR_WIDTH : Math.round((seen / total) * BAR_WIDTH);
    bar?.(`[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${seen}/${total} pages, ${counts.failed + counts.retry} failed`);
  };
  draw();
  return {
    counts,
    update(outcome: EnrichOutcome) {
      if (outcome.status === 'cancelled') return;
      seen++;
      counts[outcome.status]++;
      if (bar) return draw();
      const detail = outcome.status === 'done' ? `${outcome.chars} characters` : outcome.error;
      io.stdout(`${seen}/${total} item ${outcome.itemId} ${outcome.status}: ${detail}\n`);
    },
    end() {
      if (bar) io.stdout('\n');
    },
  };
}
