/**
 * The composition root: config -> database -> sources -> poll scheduler (fetch, parse, store, tag,
 * route) -> delivery worker -> adapters. The only file in src/ that imports adapters/. With no chat
 * credentials the console adapter runs the whole bot in the terminal.
 */
import { createConsoleAdapter, CONSOLE_CHANNEL } from '../adapters/console/index.js';
import { createCommandHandler } from './commands/create-command-handler.js';
import { configSecrets, parseConfig, type Config } from './config.js';
import type { ChatAdapter } from './chat/chat-adapter.js';
import { startDeliveryWorker } from './deliver/delivery-worker.js';
import type { EnrichWorker } from './enrich/enrich-worker.js';
import { pollIntervalOverride } from './deliver/session-calendar.js';
import type { FetchOptions } from './fetch/fetch-url.js';
import { loadKnowledge, type Knowledge } from './knowledge/load-knowledge.js';
import { createLogger, type Logger } from './log.js';
import { createBotMetrics } from './ops/bot-metrics.js';
import { startOpsServer, type OpsServer } from './ops/ops-server.js';
import { buildStartBanner } from './ops/start-banner.js';
import { startPollScheduler, type PollScheduler } from './poll/poll-scheduler.js';
import { pollSources } from './poll/poll-sources.js';
import { loadSourceConfigs } from './poll/source-list.js';
import { createLazyWebHandler } from './web/lazy-web-handler.js';
import { writeWeeklyChart } from './web/render-weekly-chart.js';
import { createCommandsSeen } from './store/commands-seen-store.js';
import { BOT_PAGE_CACHE_KIB, limitPageCache, openDatabase, type Db } from './store/db.js';
import { acquireLease, keepLease } from './store/lease-store.js';
import { listSources, syncConfiguredSources } from './store/sources-store.js';
import { readOfficialTextFacts } from './treaty/describe-official-texts.js';
import { findSubscription, upsertSubscription } from './store/subscriptions-store.js';
import type { AutoImportDeps } from './treaty/auto-import-official-text.js';

/** A running bot. `closed` resolves when it stopped on its own (the console input ended). */
export interface Bot {
  stop(): Promise<void>;
  closed: Promise<void>;
  db: Db;
  adapters: readonly ChatAdapter[];
  /** The port of the ops server (`/healthz`, `/readyz`, `/metrics`), or null when it is off. */
  opsPort: number | null;
  /** The process exit code once stopped: 1 when another process took the database over. */
  exitCode(): number;
}

export interface StartOptions {
  env: Record<string, string | undefined>;
  input: NodeJS.ReadableStream;
  write: (text: string) => void;
  now?: () => number;
  /** Where log lines go (default stderr). */
  logWrite?: (line: string) => void;
  fetchOptions?: FetchOptions;
  /** The poll tick (node-cron with seconds); tests poll faster. */
  pollCron?: string;
  /** Chat adapters to run instead of the ones the config selects (tests). */
  adapters?: ChatAdapter[];
  /** The official text's UN URLs and retry waits (tests serve the text locally and retry fast). */
  treatyText?: Pick<AutoImportDeps, 'urls' | 'retryDelaysMs' | 'startDelayMs'>;
}

/** How long `stop` waits for work in flight (a poll, a post) before closing anyway; SIGTERM must end within 5 s. */
export const STOP_GRACE_MS = 3_000;

/**
 * Starts the whole bot and resolves once every adapter is connected. Every start-up failure
 * (database, lease, ports, chat credentials) rejects before the first poll, with what was opened
 * so far closed again, so the process can exit with an error. The code of enrichment and of the
 * official text's import loads after the first poll has begun; if it fails to load, the poll and
 * the outbox are stopped before everything else closes, and the start rejects.
 */
export async function startBot(opts: StartOptions): Promise<Bot> {
  const now = opts.now ?? Date.now;
  const config = parseConfig(opts.env);
  const log = createLogger({ level: config.logLevel, secrets: configSecrets(config), write: opts.logWrite, now });
  const knowledge = loadKnowledge({ calendarFile: config.calendarFile });
  const db = openDatabase(config.dbPath);
  limitPageCache(db, BOT_PAGE_CACHE_KIB);
  const opened: (() => Promise<void> | void)[] = [() => void db.close()];
  const closeOpened = async () => {
    for (const close of opened.splice(0).reverse()) await Promise.resolve().then(close).catch(() => undefined);
  };
  try {
    return await runBot(opts, { config, log, knowledge, db, now }, opened, closeOpened);
  } catch (err) {
    await closeOpened();
    throw err;
  }
}

async function runBot(
  opts: StartOptions,
  base: { config: Config; log: Logger; knowledge: Knowledge; db: Db; now: () => number },
  opened: (() => Promise<void> | void)[],
  closeOpened: () => Promise<void>,
): Promise<Bot> {
  const { config, log, knowledge, db, now } = base;
  let leaseLost = false;
  const lease = acquireLease(db, 'start');
  opened.push(() => lease.release());
  opened.push(keepLease(lease, () => {
    // Another process took the database over while we were stalled: two writers is what the lease prevents.
    leaseLost = true;
    log.error('lease lost', { db: config.dbPath });
    void stop().then(resolveClosed);
  }));
  const { configs, origin } = loadSourceConfigs(config.sourcesFile);
  syncConfiguredSources(db, configs, origin, now());

  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));
  let stopping: Promise<void> | null = null;
  const adapters = opts.adapters ?? await selectAdapters(config, { db, log, now, input: opts.input, write: opts.write, onClose: () => void stop().then(resolveClosed) });
  if (adapters.some((a) => a.name === 'console') && !findSubscription(db, 'console', CONSOLE_CHANNEL)) {
    // The terminal gets the daily digest and alerts without having to ask.
    upsertSubscription(db, 'console', CONSOLE_CHANNEL, { digestCron: config.digestCron, digestTimeZone: config.digestTimeZone }, now());
  }

  const metrics = createBotMetrics(db, now);
  let scheduler: PollScheduler | null = null;
  let ops: OpsServer | null = null;
  if (config.httpPort !== null) {
    // Feeds need absolute links: the public address when set, else where the server listens.
    const baseUrl = () => config.publicUrl ?? `http://${config.httpHost.includes(':') ? `[${config.httpHost}]` : config.httpHost}:${ops?.port ?? config.httpPort}/`;
    ops = await startOpsServer({
      port: config.httpPort, host: config.httpHost, metrics: metrics.metrics, log,
      web: createLazyWebHandler({ db, knowledge, now, baseUrl }, (error) => log.error('ops request failed', { error })),
      ready: () => ({
        database: db.open,
        scheduler: scheduler?.isRunning() ?? false,
        ...Object.fromEntries(adapters.map((a) => [`adapter:${a.name}`, a.isConnected()])),
      }),
    });
    opened.push(() => ops?.close());
    log.info('ops server listening', { port: ops.port, host: config.httpHost });
  }
  const enabledSources = listSources(db).filter((s) => s.enabled).length;
  const officialText = readOfficialTextFacts(db);
  opts.write(buildStartBanner({ enabledSources, dbPath: config.dbPath, adapters: adapters.map((a) => a.name), officialText, treatyText: config.treatyText, nowMs: now() }).join('\n') + '\n');
  const onCommand = createCommandHandler({ db, knowledge, log, now, fetchOptions: opts.fetchOptions, publicUrl: config.publicUrl });
  for (const adapter of adapters) {
    opened.push(() => adapter.stop());
    await adapter.start(onCommand);
  }
  // Nothing polls or posts until every part above is up: a failed start leaves no half-run bot.
  const counted = adapters.map((a) => countPostErrors(a, () => metrics.recordAdapterError(a.name)));
  const weeklyPicture = (nowMs: number) => {
    try {
      return writeWeeklyChart(db, knowledge.concerns, config.chartDir, nowMs);
    } catch (err) {
      // The digest goes out without its picture rather than not at all.
      log.warn('weekly chart failed', { error: err });
      return null;
    }
  };
  const worker = startDeliveryWorker({
    db, knowledge, adapters: new Map(counted.map((a) => [a.name, a])), log, now, compose: { publicUrl: config.publicUrl, weeklyPicture },
  });
  let enricher: EnrichWorker | null = null;
  const cancelPolls = new AbortController();
  const poll = () => pollSources({
    db, knowledge, log, now, fetchOptions: opts.fetchOptions, intervalOverride: (source, nowMs) => pollIntervalOverride(source, nowMs, knowledge.calendar), signal: cancelPolls.signal,
    fullText: config.fullText.enabled, onReport: metrics.recordPoll,
  });
  // Enrichment runs beside the poll, never inside it: the tick only tells it new items are queued.
  const running = startPollScheduler({ tick: async () => { await poll(); enricher?.poke(); await worker.poke(); }, log, cronExpr: opts.pollCron });
  scheduler = running;
  void running.runNow();
  // Enrichment and the official text's import answer no command and poll nothing: their code loads
  // once the bot is up, not before. Enrichment catches up on what the first poll queued meanwhile.
  const [{ createEnrichWorker }, { startAutoImport }] = await Promise.all([import('./enrich/enrich-worker.js'), import('./treaty/auto-import-official-text.js')])
    .catch(async (err: unknown) => {
      // The poll and the outbox are already running: stop them before the rest closes, or they
      // would write to a closed database until the process exits.
      cancelPolls.abort();
      await Promise.all([running.stop(), worker.stop()]);
      throw err;
    });
  if (stopping === null) {
    enricher = createEnrichWorker({ db, knowledge, log, now, fetchOptions: opts.fetchOptions, hostIntervalMs: config.fullText.hostIntervalMs });
    if (config.fullText.enabled) enricher.start();
    const treatyText = startAutoImport({
      db, log, now, setting: config.treatyText, fetchOptions: opts.fetchOptions,
      urls: knowledge.officialText.urls, articles: knowledge.articles, ...opts.treatyText,
    });
    opened.push(() => treatyText.stop());
  }
  log.info('bot started', { adapters: adapters.map((a) => a.name).join(','), db: config.dbPath, sources: enabledSources, official_text: officialText.stored.map((t) => t.language).join(',') });

  function stop(): Promise<void> {
    stopping ??= (async () => {
      // Fetches are cancelled (the source is polled again next time); posts in flight get a short
      // grace, and what they leave undone stays in the outbox.
      cancelPolls.abort();
      const settled = Promise.all([running.stop(), worker.stop(), enricher?.stop()]);
      const finished = await Promise.race([settled.then(() => true), delay(STOP_GRACE_MS).then(() => false)]);
      if (!finished) log.warn('stop did not wait for work in flight', { waited_ms: STOP_GRACE_MS });
      await closeOpened();
      log.info('bot stopped', {});
    })();
    return stopping;
  }
  return { stop, closed, db, adapters, opsPort: ops?.port ?? null, exitCode: () => (leaseLost ? 1 : 0) };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * Returns the adapters the config asks for: Slack and/or Matrix when their credentials are set, else
 * the console. A chat SDK is loaded only when its adapter is configured (each costs ~0.5 s and 30+ MB).
 */
export async function selectAdapters(
  config: Config,
  deps: { db: Db; log: Logger; now: () => number; input: NodeJS.ReadableStream; write: (text: string) => void; onClose: () => void },
): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  if (config.slack.botToken && (config.slack.appToken || config.slack.signingSecret)) {
    const { createSlackAdapter } = await import('../adapters/slack/index.js');
    adapters.push(createSlackAdapter(config.slack, { seen: createCommandsSeen(deps.db, 'slack', deps.now), log: deps.log, now: deps.now }));
  }
  if (config.matrix.homeserverUrl && config.matrix.accessToken) {
    const { createMatrixAdapter } = await import('../adapters/matrix/index.js');
    adapters.push(createMatrixAdapter(config.matrix, { log: deps.log, now: deps.now }));
  }
  if (adapters.length === 0) adapters.push(createConsoleAdapter({ input: deps.input, write: deps.write, onClose: deps.onClose }));
  return adapters;
}

/** Returns the adapter with every failed post counted (the `treatywatch_adapter_errors_total` metric). */
function countPostErrors(adapter: ChatAdapter, onError: () => void): ChatAdapter {
  return {
    name: adapter.name,
    start: (onCommand) => adapter.start(onCommand),
    stop: () => adapter.stop(),
    isConnected: () => adapter.isConnected(),
    post: (channel, message, opts) => adapter.post(channel, message, opts).catch((err: unknown) => {
      onError();
      throw err;
    }),
    edit: adapter.edit && ((channel, platformId, message, opts) => adapter.edit!(channel, platformId, message, opts).catch((err: unknown) => {
      onError();
      throw err;
    })),
  };
}
