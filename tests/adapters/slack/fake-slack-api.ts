import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call that reached the fake, with its parsed arguments. */
export interface FakeCall {
  method: string;
  args: Record<string, unknown>;
  /** When it arrived, on the clock the test gave the fake. */
  atMs: number;
  /** The Authorization header, to tell bot-token calls from app-token calls. */
  authorization: string;
}

/** A file as the fake holds it: what files.getUploadURLExternal announced, the bytes posted, and where it was shared. */
export interface FakeFile {
  id: string;
  filename: string;
  length: number;
  altText: string | null;
  bytes: Buffer | null;
  title: string | null;
  /** Set by files.completeUploadExternal. */
  channel: string | null;
  threadTs: string | null;
}

/** What the fake does with the next call to a method, instead of answering normally. */
export type FakeReply =
  | { kind: 'ok' }
  | { kind: 'platform-error'; error: string }
  | { kind: 'status'; status: number; retryAfterS?: number }
  /** Stores the post as Slack would, then never answers: the client sees a timeout. */
  | { kind: 'accept-then-hang' }
  | { kind: 'hang' };

/** A local stand-in for Slack's Web API that speaks its wire format (form or JSON in, `{ok,...}` out). */
export interface FakeSlackApi {
  url: string;
  calls: FakeCall[];
  /** Messages stored per channel, newest first, like conversations.history. */
  history: Map<string, Record<string, unknown>[]>;
  /** Files uploaded through files.getUploadURLExternal, the upload POST and files.completeUploadExternal. */
  files: Map<string, FakeFile>;
  /** Workspace members users.info knows, by id (`{ is_admin, is_owner }` as Slack reports them). */
  users: Map<string, Record<string, unknown>>;
  /** Queues replies for a method; once used up, the method answers normally. */
  script(method: string, ...replies: FakeReply[]): void;
  /** Extra handlers for methods the fake does not know (apps.connections.open...). */
  handle(method: string, answer: (args: Record<string, unknown>) => Record<string, unknown>): void;
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1 at a free port. */
export async function startFakeSlackApi(opts: { now?: () => number } = {}): Promise<FakeSlackApi> {
  const now = opts.now ?? Date.now;
  const calls: FakeCall[] = [];
  const history = new Map<string, Record<string, unknown>[]>();
  const scripts = new Map<string, FakeReply[]>();
  const handlers = new Map<string, (args: Record<string, unknown>) => Record<string, unknown>>();
  const hanging = new Set<ServerResponse>();
  const files = new Map<string, FakeFile>();
  const users = new Map<string, Record<string, unknown>>();
  let tsCounter = 0;
  let origin = '';

  const storePost = (args: Record<string, unknown>): Record<string, unknown> => {
    const channel = String(args.channel);
    const ts = `1700000000.${String(++tsCounter).padStart(6, '0')}`;
    const message: Record<string, unknown> = { type: 'message', ts, text: args.text, blocks: args.blocks };
    if (args.metadata) message.metadata = args.metadata;
    history.set(channel, [message, ...(history.get(channel) ?? [])]);
    return { ok: true, channel, ts, message };
  };

  const answer = (method: string, args: Record<string, unknown>): Record<string, unknown> => {
    const custom = handlers.get(method);
    if (custom) return custom(args);
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', team: 'Test team' };
      case 'chat.postMessage':
        return storePost(args);
      case 'files.getUploadURLExternal': {
        // Slack answers with a one-time URL on its file host; ours is this server.
        const id = `F${String(files.size + 1).padStart(8, '0')}`;
        if (!args.filename || !Number(args.length)) return { ok: false, error: 'invalid_arguments' };
        files.set(id, { id, filename: String(args.filename), length: Number(args.length), altText: (args.alt_text as string | undefined) ?? null, bytes: null, title: null, channel: null, threadTs: null });
        return { ok: true, upload_url: `${origin}/upload/v1/${id}`, file_id: id };
      }
      case 'chat.update': {
        // Slack edits the stored message in place; an unknown ts is refused.
        const stored = (history.get(String(args.channel)) ?? []).find((m) => m.ts === args.ts);
        if (!stored) return { ok: false, error: 'message_not_found' };
        Object.assign(stored, { text: args.text, blocks: args.blocks, edited: { user: 'UBOT', ts: String(now() / 1000) } });
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      }
      case 'users.info': {
        const user = users.get(String(args.user));
        return user ? { ok: true, user: { id: args.user, ...user } } : { ok: false, error: 'user_not_found' };
      }
      case 'files.completeUploadExternal':
        return completeUpload(args);
      case 'conversations.history': {
        const messages = (history.get(String(args.channel)) ?? []).map((m) => {
          // Slack returns metadata only when asked for it.
          if (String(args.include_all_metadata) === 'true') return m;
          const { metadata: _dropped, ...rest } = m;
          return rest;
        });
        return { ok: true, messages: messages.slice(0, Number(args.limit ?? 100)), has_more: false };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  const completeUpload = (args: Record<string, unknown>): Record<string, unknown> => {
    const listed = (Array.isArray(args.files) ? args.files : []) as { id?: string; title?: string }[];
    const found = listed.map((f) => files.get(String(f.id)));
    // Slack refuses to complete a file whose bytes never arrived.
    if (listed.length === 0 || found.some((f) => !f || f.bytes === null)) return { ok: false, error: 'file_upload_not_completed' };
    const channel = args.channel_id === undefined ? null : String(args.channel_id);
    for (const [i, file] of found.entries()) {
      Object.assign(file!, { title: listed[i]!.title ?? file!.filename, channel, threadTs: args.thread_ts === undefined ? null : String(args.thread_ts) });
      if (channel !== null) {
        const ts = `1700000000.${String(++tsCounter).padStart(6, '0')}`;
        history.set(channel, [{ type: 'message', subtype: 'file_share', ts, thread_ts: file!.threadTs ?? undefined, files: [{ id: file!.id }] }, ...(history.get(channel) ?? [])]);
      }
    }
    return { ok: true, files: found.map((f) => ({ id: f!.id, title: f!.title, name: f!.filename })) };
  };

  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    const upload = /^\/upload\/v1\/(F\d+)$/.exec(req.url ?? '');
    if (upload) return receiveUpload(req, res, upload[1]!, raw);
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
    const args = parseArgs(req.headers['content-type'] ?? '', raw.toString('utf8'));
    calls.push({ method, args, atMs: now(), authorization: req.headers.authorization ?? '' });
    const reply = scripts.get(method)?.shift() ?? { kind: 'ok' };
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    };
    switch (reply.kind) {
      case 'ok':
        return send(200, answer(method, args));
      case 'platform-error':
        return send(200, { ok: false, error: reply.error });
      case 'status':
        return send(
          reply.status,
          reply.status === 429 ? { ok: false, error: 'ratelimited' } : 'upstream failure',
          reply.retryAfterS === undefined ? {} : { 'retry-after': String(reply.retryAfterS) },
        );
      case 'accept-then-hang':
        answer(method, args);
        hanging.add(res);
        return;
      case 'hang':
        hanging.add(res);
        return;
    }
  });
  // The upload URL takes the file's bytes in a POST, as a raw body or a multipart form.
  const receiveUpload = (req: IncomingMessage, res: ServerResponse, id: string, raw: Buffer): void => {
    calls.push({ method: 'upload', args: { file_id: id, bytes: raw.length }, atMs: now(), authorization: req.headers.authorization ?? '' });
    const file = files.get(id);
    const reply = scripts.get('upload')?.shift();
    if (!file || req.method !== 'POST' || reply?.kind === 'status') {
      res.writeHead(reply?.kind === 'status' ? reply.status : 404, { 'content-type': 'text/plain' }).end('upload refused');
      return;
    }
    file.bytes = readUploadedBytes(req.headers['content-type'] ?? '', raw);
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${file.bytes.length}`);
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    history,
    files,
    users,
    script: (method, ...replies) => scripts.set(method, [...(scripts.get(method) ?? []), ...replies]),
    handle: (method, fn) => handlers.set(method, fn),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// The Web API client sends form bodies whose object values are JSON strings; accept JSON too.
function parseArgs(contentType: string, body: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return body ? (JSON.parse(body) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

// A multipart upload carries the file in its first part; a raw upload is the file itself.
function readUploadedBytes(contentType: string, raw: Buffer): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!contentType.startsWith('multipart/form-data') || !boundary) return raw;
  const marker = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const start = raw.indexOf('\r\n\r\n', raw.indexOf(marker)) + 4;
  const end = raw.indexOf(Buffer.concat([Buffer.from('\r\n'), marker]), start);
  return raw.subarray(start, end);
}
