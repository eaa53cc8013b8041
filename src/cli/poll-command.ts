import { pollSources, type PollReport } from '../poll/poll-sources.js';
import { loadSourceConfigs } from '../poll/source-list.js';
import { tagAndRoute } from '../poll/tag-and-route.js';
import { withWriteLease } from '../store/lease-store.js';
import { syncConfiguredSources } from '../store/sources-store.js';
import { openCliContext, parseFlags, type CliIo } from './cli-io.js';

const USAGE = 'Usage: treatywatch poll --once [--json]';

/** `treatywatch poll --once [--json]`: polls every enabled source once (failing ones only when their backoff is over) and prints a line each. */
export async function runPoll(args: string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(args);
  if (!flags.has('once') || positional.length > 0) {
    io.stderr(`${USAGE}\n(the daemon, \`treatywatch start\`, polls on its own schedule)\n`);
    return 2;
  }
  const { config, log, db } = openCliContext(io);
  try {
    const { configs, origin } = loadSourceConfigs(config.sourcesFile);
    syncConfiguredSources(db, configs, origin, Date.now());
    const reports = await withWriteLease(db, 'poll --once', () => pollSources(
      { db, log, now: Date.now, processNewItems: (items, nowMs) => tagAndRoute(db, items, nowMs) },
      { force: true },
    ));
    io.stdout(flags.has('json') ? JSON.stringify(reports.map(toJson), null, 2) + '\n' : formatReports(reports));
    return reports.some((r) => r.status === 'error') ? 1 : 0;
  } finally {
    db.close();
  }
}

function toJson(r: PollReport) {
  return { source: r.sourceId, status: r.status, new: r.newItems, seen: r.seenItems, error: r.error, next_check: new Date(r.nextCheckAtMs).toISOString(), duration_ms: r.durationMs };
}

/** Returns poll reports as an aligned table, one source a line. */
export function formatReports(reports: readonly PollReport[]): string {
  const rows = reports.map((r) => [r.sourceId, r.status, String(r.newItems), String(r.seenItems), new Date(r.nextCheckAtMs).toISOString().slice(0, 16).replace('T', ' '), r.error ?? '']);
  return formatTable(['source', 'status', 'new', 'seen', 'next check (UTC)', 'error'], rows);
}

/** Returns rows as a plain-text table with padded columns (the last column is not padded). */
export function formatTable(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n') + '\n';
}
