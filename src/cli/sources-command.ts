import { describeSourceHealth, type SourceHealth } from '../poll/source-health.js';
import { loadSourceConfigs } from '../poll/source-list.js';
import { listSources, syncConfiguredSources } from '../store/sources-store.js';
import { openCliContext, parseFlags, type CliIo } from './cli-io.js';
import { formatTable } from './poll-command.js';

/** `treatywatch sources [--json]`: each source's health (last success, errors, last error, staleness). */
export async function runSources(args: string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(args);
  if (positional.length > 0) {
    io.stderr('Usage: treatywatch sources [--json]\n');
    return 2;
  }
  const { config, db } = openCliContext(io, { classifies: false });
  try {
    const nowMs = Date.now();
    const { configs, origin } = loadSourceConfigs(config.sourcesFile);
    syncConfiguredSources(db, configs, origin, nowMs);
    const health = listSources(db).map((s) => describeSourceHealth(db, s, nowMs));
    io.stdout(flags.has('json') ? JSON.stringify(health.map(toJson), null, 2) + '\n' : formatHealth(health));
    return 0;
  } finally {
    db.close();
  }
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function toJson(h: SourceHealth) {
  return {
    id: h.id, name: h.name, kind: h.kind, url: h.url, state: h.state, last_success: iso(h.lastSuccessAtMs),
    last_new: iso(h.lastNewAtMs), error_count: h.errorCount, last_error: h.lastError, next_check: iso(h.nextCheckAtMs), stale: h.stale,
  };
}

function formatHealth(health: readonly SourceHealth[]): string {
  const short = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));
  return formatTable(
    ['source', 'kind', 'state', 'last success', 'errors', 'last error'],
    health.map((h) => [h.id, h.kind, h.state, short(h.lastSuccessAtMs), String(h.errorCount), h.lastError ?? '']),
  );
}
