import type { Message } from './message.js';

/** Who sent a command and where: enough for the command handler to answer and to check rights. */
export interface CommandContext {
  /** Adapter name: "console", "slack", "matrix". */
  adapter: string;
  /** Platform channel or room id. */
  channel: string;
  /** Platform user id. */
  userId: string;
  /** True for configured admins (Slack ids in config; Matrix room moderators and listed users). */
  isAdmin: boolean;
}

/**
 * Answers one command line (without the platform prefix: "article 28.4", "digest today") with a
 * Message. Never throws: errors become a short error Message with the usage line.
 */
export type CommandHandler = (text: string, ctx: CommandContext) => Promise<Message>;

/** What a platform said when it accepted a post. */
export interface PostReceipt {
  /** The platform's id for the posted message (Slack ts, Matrix event id, console line number). */
  platformId: string;
}

/** A post the platform refused or that failed; `permanent` ones are recorded and reported once, never retried. */
export class PostError extends Error {
  readonly permanent: boolean;
  /** How long the platform asked us to wait (Slack Retry-After, Matrix retry_after_ms). */
  readonly retryAfterMs: number | null;

  constructor(message: string, opts: { permanent: boolean; retryAfterMs?: number | null; cause?: unknown }) {
    super(message, { cause: opts.cause });
    this.name = 'PostError';
    this.permanent = opts.permanent;
    this.retryAfterMs = opts.retryAfterMs ?? null;
  }
}

/** The port every chat platform implements; rendering of Message lives in the adapter. */
export interface ChatAdapter {
  readonly name: string;
  /** Connects, and from then on passes every command to `onCommand`. Resolves once ready. */
  start(onCommand: CommandHandler): Promise<void>;
  /**
   * Posts a message to a channel; resolves only once the platform accepted it. `idempotencyKey`
   * is stable for one outbox row, so a resend after a crash is the same post where the platform
   * supports it (Matrix transaction ids). `resend` is true when an earlier attempt for the same key
   * may have reached the platform (the process died before recording the result): an adapter that
   * can look the key up (Slack message metadata in the channel history) checks before posting.
   */
  post(channel: string, message: Message, opts: { idempotencyKey: string; resend?: boolean }): Promise<PostReceipt>;
  /**
   * Replaces a message this adapter posted (`platformId` from its receipt) with a new version, in
   * place: Slack chat.update, a Matrix m.replace event, a console line "updated: ...". Repeating
   * an edit with the same key and content is harmless. Adapters that cannot edit leave it out.
   */
  edit?(channel: string, platformId: string, message: Message, opts: { idempotencyKey: string }): Promise<PostReceipt>;
  stop(): Promise<void>;
  /** True while connected (readiness). */
  isConnected(): boolean;
}

/** Remembers which platform deliveries (event ids, slash-command trigger ids) were already handled. */
export interface CommandsSeen {
  /** Returns true the first time `eventId` is marked, false for every repeat (a platform retry). */
  markSeen(eventId: string): boolean;
}
