import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import { createBoltLogger } from './bolt-logger.js';

/** Every Web API call gives up after this long; a hung Slack must not hang the outbox. */
export const SLACK_API_TIMEOUT_MS = 10_000;

/**
 * Returns the WebClient options we use everywhere. The client's own retries are off and 429s are
 * returned to us rather than waited out inside it: a silent retry of chat.postMessage after a
 * timeout could post twice, so the poster decides when to retry and checks first.
 */
export function createSlackClientOptions(opts: { apiUrl: string | null; log: Logger; timeoutMs?: number }): webApi.WebClientOptions {
  const options: webApi.WebClientOptions = {
    timeout: opts.timeoutMs ?? SLACK_API_TIMEOUT_MS,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    // Method names are ours, but never let one be an absolute URL that escapes slackApiUrl.
    allowAbsoluteUrls: false,
    logger: createBoltLogger(opts.log),
  };
  if (opts.apiUrl !== null) options.slackApiUrl = opts.apiUrl.endsWith('/') ? opts.apiUrl : `${opts.apiUrl}/`;
  return options;
}
