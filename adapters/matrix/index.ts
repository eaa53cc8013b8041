import {
  ClientEvent,
  MatrixError,
  RoomEvent,
  RoomMemberEvent,
  SyncState,
  type MatrixClient,
  type MatrixEvent,
  type Room,
  type RoomMember,
} from 'matrix-js-sdk';
import { PostError, type ChatAdapter, type CommandHandler, type PostReceipt } from '../../src/chat/chat-adapter.js';
import type { Config } from '../../src/config.js';
import type { Message } from '../../src/chat/message.js';
import { describeError, type Logger } from '../../src/log.js';
import { buildEditContent } from './build-edit-content.js';
import { buildNoticeContents, type NoticeContent } from './build-notice-contents.js';
import { createSdkClient } from './create-sdk-client.js';
import { isInviterAllowed } from './is-inviter-allowed.js';
import { readRoomCommand, type RoomCommand } from './read-room-command.js';
import { deriveTxnId, sendMatrixEvent } from './send-matrix-event.js';
import { sendMatrixImage } from './send-matrix-image.js';

/** Events of the first sync per room; we never answer history, so a few are enough. */
export const INITIAL_SYNC_LIMIT = 5;
/** How long `start` waits for the first sync before giving up. */
export const START_TIMEOUT_MS = 60_000;
/** Replies to commands retry a rate limit themselves (they have no outbox row), this often... */
export const REPLY_MAX_ATTEMPTS = 3;
/** ...and only when the homeserver asks for at most this long a wait. */
export const REPLY_MAX_WAIT_MS = 30_000;

const LIVE_STATES = new Set<SyncState>([SyncState.Prepared, SyncState.Syncing, SyncState.Catchup]);

/**
 * Returns the Matrix ChatAdapter: commands from joined rooms via the SDK's sync loop, posts as
 * m.notice events. It keeps no table of its own: the homeserver's
 * transaction-id cache is what makes a resend safe, and room state lives in the SDK's memory.
 */
export function createMatrixAdapter(
  config: Config['matrix'],
  deps: { log: Logger; now?: () => number },
): ChatAdapter {
  const { log } = deps;
  const now = deps.now ?? Date.now;
  let client: MatrixClient | null = null;
  let botUserId = '';
  let syncState: SyncState | null = null;
  // Until the first sync is processed every event is history from before we started.
  let prepared = false;
  // Rooms we joined or are joining, so a repeated invite never causes a second join.
  const joinedRooms = new Set<string>();

  const answer = async (command: RoomCommand, onCommand: CommandHandler): Promise<void> => {
    const started = now();
    const reply = await onCommand(command.text, command.ctx);
    const contents = buildNoticeContents(reply);
    for (const [part, content] of contents.entries()) {
      const withReply: NoticeContent = part === 0 ? { ...content, 'm.relates_to': { 'm.in_reply_to': { event_id: command.eventId } } } : content;
      // Derived from the command's event id: a retried reply can never appear twice.
      await sendWithRetry(command.ctx.channel, withReply, deriveTxnId(`reply:${command.eventId}`, part));
    }
    log.info('matrix command answered', { channel: command.ctx.channel, user_id: command.ctx.userId, duration_ms: now() - started });
  };

  const sendWithRetry = async (roomId: string, content: NoticeContent, txnId: string): Promise<string> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await sendMatrixEvent(requireClient(), roomId, content, txnId);
      } catch (err) {
        const wait = err instanceof PostError && !err.permanent ? (err.retryAfterMs ?? 1_000) : null;
        if (wait === null || wait > REPLY_MAX_WAIT_MS || attempt >= REPLY_MAX_ATTEMPTS) throw err;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  };

  const requireClient = (): MatrixClient => {
    if (!client) throw new PostError('matrix: adapter not started', { permanent: false });
    return client;
  };

  const onTimeline = (onCommand: CommandHandler) =>
    (event: MatrixEvent, room: Room | undefined, toStartOfTimeline: boolean | undefined, removed: boolean, data: { liveEvent?: boolean } | undefined): void => {
      if (!prepared || !room || toStartOfTimeline || removed || data?.liveEvent === false) return;
      const command = readRoomCommand(event, room, botUserId, config.adminUserIds);
      if (!command) return;
      answer(command, onCommand).catch((err: unknown) =>
        log.warn('matrix reply failed', { channel: command.ctx.channel, error: describeError(err) }),
      );
    };

  const onMembership = (event: MatrixEvent, member: RoomMember): void => {
    if (member.userId !== botUserId) return;
    const roomId = member.roomId;
    if (member.membership === 'leave' || member.membership === 'ban') joinedRooms.delete(roomId);
    if (member.membership !== 'invite' || joinedRooms.has(roomId)) return;
    const inviter = event.getSender() ?? '';
    if (!isInviterAllowed(inviter, config.allowedInviters)) {
      log.warn('matrix invite ignored', { channel: roomId, inviter });
      return;
    }
    joinedRooms.add(roomId);
    requireClient()
      .joinRoom(roomId)
      .then(() => log.info('matrix room joined', { channel: roomId, inviter }))
      .catch((err: unknown) => {
        joinedRooms.delete(roomId);
        log.warn('matrix join failed', { channel: roomId, error: describeError(err) });
      });
  };

  return {
    name: 'matrix',

    async start(onCommand: CommandHandler): Promise<void> {
      const sdk = await createSdkClient(config, log);
      client = sdk.client;
      botUserId = sdk.userId;
      const ready = waitForFirstSync(client, (state) => {
        if (state !== syncState) log.info('matrix sync state', { state });
        syncState = state;
        if (state === SyncState.Prepared) prepared = true;
      });
      client.on(RoomEvent.Timeline, onTimeline(onCommand));
      client.on(RoomMemberEvent.Membership, onMembership);
      await client.startClient({ initialSyncLimit: INITIAL_SYNC_LIMIT, lazyLoadMembers: false });
      try {
        await ready;
      } catch (err) {
        await this.stop();
        throw err;
      }
      log.info('matrix adapter started', { user_id: botUserId });
    },

    async post(channel: string, message: Message, opts: { idempotencyKey: string; resend?: boolean }): Promise<PostReceipt> {
      const sdkClient = requireClient();
      // `resend` needs no lookup here: the same key gives the same txnIds, and the homeserver
      // returns the already stored event instead of posting again.
      let firstEventId: string | null = null;
      for (const [part, content] of buildNoticeContents(message).entries()) {
        const eventId = await sendMatrixEvent(sdkClient, channel, content, deriveTxnId(opts.idempotencyKey, part));
        firstEventId ??= eventId;
      }
      if (message.image) await sendMatrixImage(sdkClient, log, channel, message.image, opts.idempotencyKey);
      return { platformId: firstEventId ?? '' };
    },

    async edit(channel: string, eventId: string, message: Message, opts: { idempotencyKey: string }): Promise<PostReceipt> {
      // An edit replaces the first event of a post; the same key gives the same txnId on a retry.
      const [content] = buildNoticeContents(message);
      await sendMatrixEvent(requireClient(), channel, buildEditContent(eventId, content!), deriveTxnId(opts.idempotencyKey, 0));
      return { platformId: eventId };
    },

    async stop(): Promise<void> {
      client?.stopClient();
      // stopClient ends the sync loop but leaves requests in flight (the 30 s long-poll /sync among
      // them) to run out, so they are aborted. The SDK still leaves each request's timeout timer
      // (up to 110 s for /sync) armed; the program exits once the bot has stopped regardless.
      client?.http.abort();
      client?.removeAllListeners();
      client = null;
      syncState = null;
      prepared = false;
    },

    isConnected(): boolean {
      return client !== null && prepared && syncState !== null && LIVE_STATES.has(syncState);
    },
  };
}

// Resolves on the first PREPARED sync; rejects when the token is refused or nothing arrives in time.
function waitForFirstSync(client: MatrixClient, onState: (state: SyncState) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`matrix: no sync within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    client.on(ClientEvent.Sync, (state, _prev, data) => {
      onState(state);
      if (state === SyncState.Prepared) {
        clearTimeout(timer);
        resolve();
      } else if (state === SyncState.Error && isTokenRefused(data?.error)) {
        clearTimeout(timer);
        reject(new Error('matrix: the homeserver refused MATRIX_ACCESS_TOKEN', { cause: data?.error }));
      }
    });
  });
}

function isTokenRefused(err: unknown): boolean {
  return err instanceof MatrixError && (err.errcode === 'M_UNKNOWN_TOKEN' || err.errcode === 'M_MISSING_TOKEN');
}
