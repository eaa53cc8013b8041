import type { PollReport } from '../poll/poll-sources.js';
import { describeSourceHealth } from '../poll/source-health.js';
import type { Db } from '../store/db.js';
import { countDeliveryBacklog } from '../store/deliveries-store.js';
import { countItems } from '../store/items-store.js';
import { listSources } from '../store/sources-store.js';
import { Metrics } from './metrics.js';

/** The bot's metrics: fed by the poll and the adapters, with database counts read at each scrape. */
export interface BotMetrics {
  metrics: Metrics;
  recordPoll(report: PollReport): void;
  recordAdapterError(adapter: string): void;
}

/** Returns the metrics registry for a running bot. */
export function createBotMetrics(db: Db, nowMs: () => number = Date.now): BotMetrics {
  const metrics = new Metrics();
  metrics.collect(() => {
    metrics.reset('treatywatch_sources');
    const byState = new Map<string, number>();
    for (const s of listSources(db)) {
      const state = describeSourceHealth(db, s, nowMs()).state;
      byState.set(state, (byState.get(state) ?? 0) + 1);
    }
    for (const state of ['ok', 'new', 'failing', 'stale', 'disabled']) {
      metrics.set('treatywatch_sources', 'Sources by health state.', { state }, byState.get(state) ?? 0);
    }
    metrics.set('treatywatch_items_stored', 'Items in the store.', {}, countItems(db));
    const backlog = countDeliveryBacklog(db);
    metrics.set('treatywatch_deliveries_pending', 'Deliveries owed and not yet accepted by a chat platform (unposted items plus pending posts).', {}, backlog.unposted + backlog.pending + backlog.sending);
    metrics.set('treatywatch_deliveries_failed', 'Posts a chat platform refused for good.', {}, backlog.failed);
  });
  return {
    metrics,
    recordPoll(report) {
      metrics.observe('treatywatch_fetch_duration_seconds', 'Time to fetch, parse and store one source.', { status: report.status === 'error' ? 'error' : 'ok' }, report.durationMs / 1000);
      metrics.inc('treatywatch_polls_total', 'Source polls by outcome.', { status: report.status });
      metrics.inc('treatywatch_items_ingested_total', 'New items stored by the poll.', {}, report.newItems);
    },
    recordAdapterError(adapter) {
      metrics.inc('treatywatch_adapter_errors_total', 'Failed posts or connection errors per chat adapter.', { adapter });
    },
  };
}
