/**
 * The official text out of the box: when no text is stored, the running bot imports the English
 * text of A/RES/79/243 in the background, from the UN's document URL or the operator's mirror.
 *
 * Rules:
 * 1. Nothing happens when the setting is `off`, or when an English text is already stored (a restart
 *    does not import again; `treaty import` replaces a text on purpose). Failed attempts are kept in
 *    the database, so a restart waits for the next attempt that was due rather than asking at once.
 * 2. The attempt starts after start-up, off the start path; it never holds up polling or commands.
 * 3. A failed download is retried after 1 h, 6 h, then daily (never earlier than the server's
 *    Retry-After). The first failure is logged at info with the next attempt; later ones at debug.
 * 4. A document that does not match the article table is refused and logged at warn with each
 *    difference; the stored text (if any) stays. It is checked again daily, with the validators of
 *    the refused copy, so an unchanged document is not downloaded again.
 */
import type { FetchOptions } from '../fetch/fetch-url.js';
import type { Logger } from '../log.js';
import type { Db } from '../store/db.js';
import { findLatestTreatyImport } from '../store/treaty-store.js';
import { clearTreatyTextAttempt, findTreatyTextAttempt, recordTreatyTextAttempt } from '../store/treaty-text-attempts-store.js';
import { importOfficialText, TreatyImportError } from './import-official-text.js';
import type { TextLanguage } from '../domain.js';
import type { ArticleTables } from '../knowledge/article-tables.js';
import { resolveTextLocation, type TreatyTextSetting } from './official-text-sources.js';
import { TreatyDownloadError, type ImportValidators } from './read-import-source.js';

const HOUR_MS = 60 * 60_000;
/** Waits before the next attempt after the 1st, 2nd, and every later failure. */
export const TREATY_TEXT_RETRY_MS: readonly number[] = [HOUR_MS, 6 * HOUR_MS, 24 * HOUR_MS];
/** How soon after start the first attempt begins: start-up work goes first. */
export const TREATY_TEXT_START_DELAY_MS = 1_000;

export interface AutoImportDeps {
  db: Db;
  log: Logger;
  setting: TreatyTextSetting;
  now: () => number;
  fetchOptions?: FetchOptions;
  /** The UN URL of each language (`Knowledge.officialText.urls`; tests serve the text locally). */
  urls: Readonly<Record<TextLanguage, string>>;
  /** The article table the text is checked against. */
  articles: ArticleTables;
  /** Overrides for tests: the retry waits, the delay before the first attempt. */
  retryDelaysMs?: readonly number[];
  startDelayMs?: number;
}

/** The background import; `stop` cancels a download in flight and any attempt still to come. */
export interface AutoImport {
  /** Where the text is read from, or null when nothing will be requested. */
  location: string | null;
  stop(): Promise<void>;
}

const LANGUAGE: TextLanguage = 'en';

/** Starts the background import of the official text when it is needed; returns at once. */
export function startAutoImport(deps: AutoImportDeps): AutoImport {
  const location = resolveTextLocation(deps.setting, LANGUAGE, deps.urls);
  if (location === null || findLatestTreatyImport(deps.db) !== undefined) return { location: null, stop: async () => {} };

  const delays = deps.retryDelaysMs ?? TREATY_TEXT_RETRY_MS;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  // Attempts at another location (the setting changed) start afresh.
  const previous = findTreatyTextAttempt(deps.db, LANGUAGE);
  const resumed = previous?.source === location ? previous : undefined;
  let failures = resumed?.failures ?? 0;
  let validators: ImportValidators | undefined = resumed && (resumed.etag || resumed.lastModified) ? { etag: resumed.etag, lastModified: resumed.lastModified } : undefined;

  const schedule = (delayMs: number) => {
    timer = setTimeout(() => {
      timer = null;
      running = attempt().finally(() => (running = null));
    }, delayMs);
    timer.unref();
  };

  async function attempt(): Promise<void> {
    try {
      const report = await importOfficialText(deps.db, location!, { articles: deps.articles, fetchOptions: deps.fetchOptions, validators, signal: controller.signal, nowMs: deps.now() });
      clearTreatyTextAttempt(deps.db, LANGUAGE);
      deps.log.info('official text imported', { language: LANGUAGE, source: report.source, articles: report.articles, provisions: report.provisions, sha256: report.sha256 });
    } catch (err) {
      if (controller.signal.aborted) return;
      failures++;
      const backoffMs = err instanceof TreatyImportError ? delays[delays.length - 1] : delays[Math.min(failures, delays.length) - 1];
      const waitMs = Math.max(backoffMs ?? 0, err instanceof TreatyDownloadError ? (err.retryAfterMs ?? 0) : 0);
      const nowMs = deps.now();
      const next = new Date(nowMs + waitMs).toISOString();
      if (err instanceof TreatyImportError) validators = err.validators ?? validators;
      recordTreatyTextAttempt(deps.db, {
        language: LANGUAGE, source: location!, failures, lastAttemptAtMs: nowMs, nextAttemptAtMs: nowMs + waitMs,
        lastError: describeFailure(err), etag: validators?.etag ?? null, lastModified: validators?.lastModified ?? null,
      });
      if (err instanceof TreatyImportError) {
        deps.log.warn('official text refused', { language: LANGUAGE, source: location, problems: err.problems.join('; '), next_attempt_at: next });
      } else {
        const fields = { language: LANGUAGE, source: location, error: err, failures, next_attempt_at: next };
        if (failures === 1) deps.log.info('official text not imported yet; retrying later', fields);
        else deps.log.debug('official text not imported yet; retrying later', fields);
      }
      schedule(waitMs);
    }
  }

  const startDelayMs = deps.startDelayMs ?? TREATY_TEXT_START_DELAY_MS;
  schedule(Math.max(startDelayMs, (resumed?.nextAttemptAtMs ?? 0) - deps.now()));
  return {
    location,
    async stop() {
      controller.abort();
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}

/** Returns a failure in one line: the refusal's differences, or the error and its causes. */
function describeFailure(err: unknown): string {
  if (err instanceof TreatyImportError) return `refused: ${err.problems.join('; ')}`.slice(0, 1_000);
  const parts: string[] = [];
  for (let e: unknown = err; e instanceof Error && parts.length < 4; e = e.cause) parts.push(e.message.replace(/^treaty: /, ''));
  return (parts.length > 0 ? parts.join(': ') : String(err)).slice(0, 1_000);
}
