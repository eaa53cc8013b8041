import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeRoomLog, type FakeEvent } from './fake-room-log.js';

/**
 * A small Matrix homeserver speaking the client-server wire protocol on 127.0.0.1, with just the
 * routes matrix-js-sdk uses for a bot: versions, login/whoami, push rules, capabilities, filters,
 * long-polling /sync, join, send (with a per-token transaction-id cache) and media upload. Unknown routes answer
 * 404 M_UNRECOGNIZED and are recorded, so a test sees what the SDK asked for.
 */

/** How the next send answers instead of storing the event. */
export type SendFailure = 'rate-limit-header' | 'rate-limit-body' | 'rate-limit-both' | 'server-error' | 'reset' | 'forbidden';

export interface RecordedRequest {
  method: string;
  path: string;
  atMs: number;
  /** The `since` token of a /sync request. */
  since: string | null;
}

export interface FakeHomeserver {
  url: string;
  userId: string;
  accessToken: string;
  log: FakeRoomLog;
  requests: RecordedRequest[];
  unknownRoutes: string[];
  /** Transaction ids of every send request received, in order (including repeats). */
  sendTxnIds: string[];
  joinRequests: string[];
  /** How long a join takes before it is applied and answered. */
  joinDelayMs: number;
  /** Failures the next sends answer with, consumed one per send. */
  sendFailures: SendFailure[];
  /** When true, sends are stored but never answered (the client dies waiting). */
  holdSendResponses: boolean;
  /** Files in the media repository by their mxc:// URI, with the content type and name they were uploaded with. */
  media: Map<string, { bytes: Buffer; contentType: string; filename: string | null }>;
  /** Failures the next uploads answer with (HTTP status), consumed one per upload. */
  uploadFailures: number[];
  /** Called after a send was stored. */
  onSendStored: ((txnId: string, event: FakeEvent) => void) | null;
  /** 'reset' drops every connection, 'server-error' answers 502; null is healthy. */
  setOutage(mode: 'reset' | 'server-error' | null): void;
  createRoom(roomId: string, opts: { creator: string; members?: string[]; powerLevels?: Record<string, number>; botJoined?: boolean }): void;
  invite(roomId: string, inviter: string): void;
  sendMessage(roomId: string, sender: string, content: Record<string, unknown>): FakeEvent;
  /** Events the bot's sends stored in a room. */
  eventsSentByBot(roomId: string): FakeEvent[];
  close(): Promise<void>;
}

/** Starts a fake homeserver for one bot account on 127.0.0.1 and an ephemeral port. */
export async function startFakeHomeserver(opts: { userId?: string; accessToken?: string } = {}): Promise<FakeHomeserver> {
  const userId = opts.userId ?? '@treatywatch:fake.test';
  const accessToken = opts.accessToken ?? 'syt_fake01';
  const log = new FakeRoomLog();
  const txnCache = new Map<string, string>();
  const filters = new Map<string, unknown>();
  const openResponses = new Set<ServerResponse>();
  let outage: 'reset' | 'server-error' | null = null;

  const fake: FakeHomeserver = {
    url: '',
    userId,
    accessToken,
    log,
    requests: [],
    unknownRoutes: [],
    sendTxnIds: [],
    joinRequests: [],
    joinDelayMs: 0,
    sendFailures: [],
    holdSendResponses: false,
    media: new Map(),
    uploadFailures: [],
    onSendStored: null,
    setOutage(mode) {
      outage = mode;
      // Requests already waiting (long-polling syncs) fail with the outage too.
      if (mode !== null) for (const res of openResponses) applyOutage(res);
    },
    createRoom(roomId, room) {
      const state = (type: string, stateKey: string, sender: string, content: Record<string, unknown>) =>
        log.append(roomId, { type, state_key: stateKey, sender, content });
      state('m.room.create', '', room.creator, { room_version: '10' });
      state('m.room.member', room.creator, room.creator, { membership: 'join' });
      state('m.room.power_levels', '', room.creator, { users: { [room.creator]: 100, ...room.powerLevels }, users_default: 0 });
      state('m.room.join_rules', '', room.creator, { join_rule: 'invite' });
      for (const member of room.members ?? []) state('m.room.member', member, member, { membership: 'join' });
      if (room.botJoined) state('m.room.member', userId, userId, { membership: 'join' });
    },
    invite(roomId, inviter) {
      // Like a real server: a member who already joined cannot be invited again.
      if (log.membership(roomId, userId)?.membership === 'join') throw new Error(`fake: ${userId} already joined ${roomId}`);
      log.append(roomId, { type: 'm.room.member', state_key: userId, sender: inviter, content: { membership: 'invite' } });
    },
    sendMessage(roomId, sender, content) {
      return log.append(roomId, { type: 'm.room.message', sender, content });
    },
    eventsSentByBot(roomId) {
      return log.events(roomId).filter((e) => e.sender === userId && e.type === 'm.room.message');
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };

  const route = async (req: IncomingMessage, res: ServerResponse, url: URL, body: unknown): Promise<void> => {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (method === 'GET' && path === '/_matrix/client/versions') {
      return send(res, 200, { versions: ['v1.1', 'v1.5', 'v1.11', 'v1.12'], unstable_features: {} });
    }
    if (method === 'POST' && path === '/_matrix/client/v3/login') {
      return send(res, 200, { user_id: userId, access_token: accessToken, device_id: 'FAKEDEVICE' });
    }
    if (req.headers.authorization !== `Bearer ${accessToken}`) {
      return send(res, 401, { errcode: 'M_UNKNOWN_TOKEN', error: 'Unknown access token' });
    }
    if (method === 'GET' && path === '/_matrix/client/v3/account/whoami') {
      return send(res, 200, { user_id: userId, device_id: 'FAKEDEVICE' });
    }
    if (method === 'GET' && path.startsWith('/_matrix/client/v3/pushrules')) {
      return send(res, 200, { global: { override: [], content: [], room: [], sender: [], underride: [] } });
    }
    if (method === 'GET' && path === '/_matrix/client/v3/capabilities') {
      return send(res, 200, { capabilities: { 'm.change_password': { enabled: false } } });
    }
    const filter = /^\/_matrix\/client\/v3\/user\/([^/]+)\/filter(?:\/([^/]+))?$/.exec(path);
    if (filter) {
      if (method === 'POST') {
        const id = `f${filters.size + 1}`;
        filters.set(id, body);
        return send(res, 200, { filter_id: id });
      }
      const stored = filters.get(decodeURIComponent(filter[2] ?? ''));
      return stored ? send(res, 200, stored) : send(res, 404, { errcode: 'M_NOT_FOUND', error: 'No such filter' });
    }
    if (method === 'GET' && path === '/_matrix/client/v3/sync') return answerSync(req, res, url);
    const join = /^\/_matrix\/client\/v3\/join\/([^/]+)$/.exec(path);
    if (method === 'POST' && join) {
      const roomId = decodeURIComponent(join[1]!);
      fake.joinRequests.push(roomId);
      if (fake.joinDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, fake.joinDelayMs));
      const own = log.membership(roomId, userId);
      if (!own || (own.membership !== 'invite' && own.membership !== 'join')) {
        return send(res, 403, { errcode: 'M_FORBIDDEN', error: 'You are not invited to this room.' });
      }
      if (own.membership === 'invite') log.append(roomId, { type: 'm.room.member', state_key: userId, sender: userId, content: { membership: 'join' } });
      return send(res, 200, { room_id: roomId });
    }
    const sendMatch = /^\/_matrix\/client\/v3\/rooms\/([^/]+)\/send\/([^/]+)\/([^/]+)$/.exec(path);
    if (method === 'PUT' && sendMatch) {
      return answerSend(res, decodeURIComponent(sendMatch[1]!), decodeURIComponent(sendMatch[2]!), decodeURIComponent(sendMatch[3]!), body);
    }
    fake.unknownRoutes.push(`${method} ${path}`);
    return send(res, 404, { errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' });
  };

  const answerSync = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const sinceRaw = url.searchParams.get('since');
    const since = sinceRaw === null ? undefined : Number(sinceRaw);
    const timeoutMs = Math.min(Number(url.searchParams.get('timeout') ?? 0) || 0, 30_000);
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    if (since !== undefined) await log.waitForChange(since, timeoutMs, abort.signal);
    if (abort.signal.aborted) return;
    if (outage !== null) return applyOutage(res);
    send(res, 200, log.buildSync(userId, since, readTimelineLimit(url.searchParams.get('filter'), filters)));
  };

  const answerSend = (res: ServerResponse, roomId: string, type: string, txnId: string, body: unknown): void => {
    fake.sendTxnIds.push(txnId);
    const failure = fake.sendFailures.shift();
    if (failure) return failSend(res, failure);
    // The spec scopes transaction ids to the access token (the device): same id, same event.
    const cached = txnCache.get(`${accessToken}|${txnId}`);
    if (cached) return send(res, 200, { event_id: cached });
    if (log.membership(roomId, userId)?.membership !== 'join') {
      return send(res, 403, { errcode: 'M_FORBIDDEN', error: 'User not in room' });
    }
    const event = log.append(roomId, { type, sender: userId, content: (body ?? {}) as Record<string, unknown> });
    txnCache.set(`${accessToken}|${txnId}`, event.event_id);
    fake.onSendStored?.(txnId, event);
    if (fake.holdSendResponses) return;
    send(res, 200, { event_id: event.event_id });
  };

  // The media repository (client-server spec, "Content repository"): POST the bytes, get an mxc:// URI.
  const answerUpload = (req: IncomingMessage, res: ServerResponse, url: URL, bytes: Buffer): void => {
    if (req.method !== 'POST' || !/^\/_matrix\/media\/v3\/upload$/.test(url.pathname)) {
      fake.unknownRoutes.push(`${req.method ?? 'GET'} ${url.pathname}`);
      return send(res, 404, { errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' });
    }
    if (req.headers.authorization !== `Bearer ${accessToken}`) return send(res, 401, { errcode: 'M_UNKNOWN_TOKEN', error: 'Unknown access token' });
    const failure = fake.uploadFailures.shift();
    if (failure !== undefined) return send(res, failure, { errcode: failure === 413 ? 'M_TOO_LARGE' : 'M_UNKNOWN', error: 'Upload refused' });
    const uri = `mxc://fake.test/media${fake.media.size + 1}`;
    fake.media.set(uri, { bytes, contentType: String(req.headers['content-type'] ?? ''), filename: url.searchParams.get('filename') });
    send(res, 200, { content_uri: uri });
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    fake.requests.push({ method: req.method ?? 'GET', path: url.pathname, atMs: Date.now(), since: url.searchParams.get('since') });
    openResponses.add(res);
    res.on('close', () => openResponses.delete(res));
    if (outage !== null) return applyOutage(res);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (url.pathname.startsWith('/_matrix/media/')) return answerUpload(req, res, url, Buffer.concat(chunks));
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = undefined;
      try {
        body = raw === '' ? undefined : JSON.parse(raw);
      } catch {
        return send(res, 400, { errcode: 'M_NOT_JSON', error: 'Content not JSON.' });
      }
      route(req, res, url, body).catch((err: unknown) => send(res, 500, { errcode: 'M_UNKNOWN', error: String(err) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const applyOutage = (res: ServerResponse): void => {
    if (outage === 'reset') res.socket?.destroy();
    else send(res, 502, { errcode: 'M_UNKNOWN', error: 'Bad gateway' });
  };
  return fake;
}

function failSend(res: ServerResponse, failure: SendFailure): void {
  const limited = { errcode: 'M_LIMIT_EXCEEDED', error: 'Too many requests' };
  switch (failure) {
    case 'rate-limit-header':
      return send(res, 429, limited, { 'Retry-After': '2' });
    case 'rate-limit-body':
      return send(res, 429, { ...limited, retry_after_ms: 1500 });
    case 'rate-limit-both':
      return send(res, 429, { ...limited, retry_after_ms: 1500 }, { 'Retry-After': '3' });
    case 'server-error':
      return send(res, 500, { errcode: 'M_UNKNOWN', error: 'Internal server error' });
    case 'forbidden':
      return send(res, 403, { errcode: 'M_FORBIDDEN', error: 'You are not allowed to send here' });
    case 'reset':
      res.socket?.destroy();
  }
}

// The first sync carries its filter inline as JSON; later ones name an uploaded filter.
function readTimelineLimit(filter: string | null, filters: Map<string, unknown>): number {
  let definition: unknown = null;
  try {
    definition = filter?.startsWith('{') ? JSON.parse(filter) : filters.get(filter ?? '');
  } catch {
    definition = null;
  }
  const limit = (definition as { room?: { timeline?: { limit?: unknown } } } | null)?.room?.timeline?.limit;
  return typeof limit === 'number' && limit > 0 ? limit : 20;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
