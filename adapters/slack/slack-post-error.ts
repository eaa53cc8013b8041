import { PostError } from '../../src/chat/chat-adapter.js';

// Platform errors that say "try again later" rather than "this will never work".
const TRANSIENT_PLATFORM_ERRORS = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
  'rate_limited',
]);

/** How a failed Web API call should be treated. */
export interface SlackFailure {
  error: PostError;
  /** True when the request may have reached Slack (timeouts, resets, 5xx): check before resending. */
  ambiguous: boolean;
}

/** Returns the PostError for an error thrown by a @slack/web-api call, naming the method. */
export function classifySlackError(err: unknown, method: string): SlackFailure {
  const e = err as { code?: string; statusCode?: number; retryAfter?: number; data?: { error?: string } };
  switch (e?.code) {
    case 'slack_webapi_rate_limited_error': {
      const retryAfterMs = Math.max(1, Number(e.retryAfter) || 1) * 1000;
      return {
        error: new PostError(`slack: ${method} rate limited, retry after ${retryAfterMs} ms`, { permanent: false, retryAfterMs, cause: err }),
        ambiguous: false,
      };
    }
    case 'slack_webapi_http_error': {
      const status = e.statusCode ?? 0;
      const transient = status >= 500 || status === 408;
      return {
        error: new PostError(`slack: ${method} answered HTTP ${status}`, { permanent: !transient, cause: err }),
        ambiguous: transient,
      };
    }
    case 'slack_webapi_platform_error': {
      const code = e.data?.error ?? 'unknown_error';
      const transient = TRANSIENT_PLATFORM_ERRORS.has(code);
      return {
        error: new PostError(`slack: ${method} failed: ${code}`, { permanent: !transient, cause: err }),
        ambiguous: transient,
      };
    }
    case 'slack_webapi_request_error':
      return { error: new PostError(`slack: ${method} request failed`, { permanent: false, cause: err }), ambiguous: true };
    default:
      return { error: new PostError(`slack: ${method} failed`, { permanent: false, cause: err }), ambiguous: true };
  }
}
