import { pollSources, type PollReport } from '../poll/poll-sources.js';
import { loadSourceConfigs } from '../poll/source-list.js';
import { withWriteLease } from '../store/lease-store.js';
import type { Db } from '../store/db.js';
import { listSources, syncConfiguredSources } from '../store/sources-store.js';
import { openCliContext, parseFlags, type CliIo } from './cli-io.js';

const USAGE = 'Usage: treatywatch poll --once [--json]';

/**
 * `treatywatch poll --once [--json]`: polls every enabled source once (failing ones only when their
 * backoff is over) and prints a line for every enabled source. Exits 1 when no source could be read.
 */
export async function runPoll(args: string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(args);
  if (!flags.has('once') || positional.length > 0) {
    io.stderr(`${USAGE}\n(the daemon, \`treatywatch start\`, polls on its own schedule)\n`);
    return 2;
  }
  const { config, log, knowledge, db } = openCliContext(io);
  try {
    const { configs, origin } = loadSourceConfigs(config.sourcesFile);
    syncConfiguredSources(db, configs, origin, Date.now());
    const reports = await withWriteLease(db, 'poll --once', () => pollSources(
      { db, knowledge, log, now: Date.now, fullText: config.fullText.enabled },
      { force: true },
    ));
    const rows = [...reports, ...waitingRows(db, reports)].sort((a, b) => a.sourceId.localeCompare(b.sourceId));
    io.stdout(flags.has('json') ? JSON.stringify(rows.map(toJson), null, 2) + '\n' : formatReports(rows));
    const failed = rows.filter((r) => r.status === 'error' || r.status === 'backing-off').length;
    if (rows.length === 0) io.stderr('No enabled sources to poll.\n');
    else if (failed === rows.length) io.stderr(`Every source failed (${failed}); is this machine offline? See the error column.\n`);
    else if (failed > 0) io.stderr(`${failed} of ${rows.length} sources failed; the others were polled.\n`);
    // Some sources failing is a normal day; none answering means nothing was polled at all.
    return rows.length === 0 || failed === rows.length ? 1 : 0;
  } finally {
    db.close();
  }
}

/** A line of the table: a poll's report, or a failing source left alone because its backoff is not over. */
type PollRow = Omit<PollReport, 'status'> & { status: PollReport['status'] | 'backing-off' };

// A failing source still inside its backoff is not fetched again, but its row says why it is missing.
function waitingRows(db: Db, reports: readonly PollReport[]): PollRow[] {
  const polled = new Set(reports.map((r) => r.sourceId));
  return listSources(db).filter((s) => s.enabled && !polled.has(s.id)).map((s) => ({
    sourceId: s.id, status: 'backing-off', newItems: 0, seenItems: 0, changedItems: 0, error: s.lastError ?? 'failing', reported: true, nextCheckAtMs: s.nextCheckAtMs, durationMs: 0,
  }));
}

function toJson(r: PollRow) {
  return { source: r.sourceId, status: r.status, new: r.newItems, seen: r.seenItems, changed: r.changedItems, error: r.error, next_check: new Date(r.nextCheckAtMs).toISOString(), duration_ms: r.durationMs };
}

/** Returns poll reports as an aligned table, one source a line. */
export function formatReports(reports: readonly PollRow[]): string {
  const rows = reports.map((r) => [r.sourceId, r.status, String(r.newItems), String(r.seenItems), new Date(r.nextCheckAtMs).toISOString().slice(0, 16).replace('T', ' '), r.error ?? '']);
  return formatTable(['source', 'status', 'new', 'seen', 'next check (UTC)', 'error'], rows);
}

/** Returns rows as a plain-text table with padded columns (the last column is not padded). */
export function formatTable(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n') + '\n';
}
