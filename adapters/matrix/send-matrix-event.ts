import { createHash } from 'node:crypto';
import { MatrixError, Method, type IRequestOpts, type MatrixClient } from 'matrix-js-sdk';
import { PostError } from '../../src/chat/chat-adapter.js';

/** How long one send may take before we give up on it (the outbox retries with the same txnId). */
export const SEND_TIMEOUT_MS = 30_000;

/**
 * Returns the transaction id for one part of a post. It depends only on the idempotency key and
 * the part index, so a resend after a crash or a lost response reuses it and the homeserver
 * answers with the event it already stored (client-server spec, "Transaction identifiers").
 */
export function deriveTxnId(idempotencyKey: string, part: number): string {
  const digest = createHash('sha256').update(idempotencyKey, 'utf8').digest('hex').slice(0, 40);
  return `tw.${digest}.${part}`;
}

/**
 * Sends one room event with a fixed transaction id and returns its event id. This goes through
 * the HTTP layer, not `client.sendEvent`: the SDK's scheduler and local-echo queue retry failed
 * sends on their own (and keep them as pending events), which would post behind the outbox's back;
 * here every attempt is the outbox's decision. Every event says it mentions no one (`m.mentions: {}`),
 * so clients never notify a room or a user for what a feed wrote. Failures become a PostError.
 */
export async function sendMatrixEvent(
  client: MatrixClient,
  roomId: string,
  content: object,
  txnId: string,
): Promise<string> {
  const path = `/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${encodeURIComponent(txnId)}`;
  // The SDK's request options type inherits a fetch `priority` that Node's typings mark required.
  const requestOpts = { localTimeoutMs: SEND_TIMEOUT_MS } as IRequestOpts;
  try {
    const res = await client.http.authedRequest<{ event_id: string }>(Method.Put, path, undefined, { 'm.mentions': {}, ...content }, requestOpts);
    if (typeof res?.event_id !== 'string') throw new Error('response has no event_id');
    return res.event_id;
  } catch (cause) {
    throw toPostError(cause, roomId);
  }
}

/**
 * Returns the PostError for a failed send: rate limits and server or network failures are
 * transient (with the wait the homeserver asked for), every other 4xx (M_FORBIDDEN,
 * M_UNKNOWN_TOKEN, an unknown room) is permanent because repeating it cannot succeed.
 */
export function toPostError(cause: unknown, roomId: string): PostError {
  if (cause instanceof MatrixError) {
    const status = cause.httpStatus ?? 0;
    const code = cause.errcode ?? 'M_UNKNOWN';
    if (code === 'M_LIMIT_EXCEEDED' || status === 429) {
      return new PostError(`matrix: rate limited sending to ${roomId}`, {
        permanent: false,
        retryAfterMs: readRetryAfterMs(cause),
        cause,
      });
    }
    const permanent = status >= 400 && status < 500 && status !== 408;
    return new PostError(`matrix: send to ${roomId} failed with ${status} ${code}`, { permanent, cause });
  }
  // Connection resets, timeouts and malformed responses: the event may or may not be stored, and
  // the same txnId makes trying again safe.
  return new PostError(`matrix: send to ${roomId} failed`, { permanent: false, cause });
}

// The SDK reads the Retry-After header first, then the older `retry_after_ms` body field; it
// throws on a malformed value, which we treat as "no advice".
function readRetryAfterMs(err: MatrixError): number | null {
  try {
    const ms = err.getRetryAfterMs();
    return ms !== null && Number.isFinite(ms) && ms >= 0 ? ms : null;
  } catch {
    return null;
  }
}
