import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatAdapter, CommandContext } from '../../../src/chat/chat-adapter.js';
import { createCommandsSeen } from '../../../src/store/commands-seen-store.js';
import { openDatabase, type Db } from '../../../src/store/db.js';
import { createSlackAdapter, SLACK_EVENTS_PATH } from '../../../adapters/slack/index.js';
import { ADMIN_CACHE_TTL_MS } from '../../../adapters/slack/slack-admins.js';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';
import { createRecordingLogger, signSlackRequest, slashCommandBody, startResponseUrlServer, type ResponseUrlServer } from './slack-test-helpers.js';

const SECRET = 'test-signing-secret-admins';

let api: FakeSlackApi;
let responses: ResponseUrlServer;
let db: Db;
let adapter: ChatAdapter | null;
let received: CommandContext[];
let logLines: Record<string, unknown>[];
let nowMs: number;

beforeEach(async () => {
  api = await startFakeSlackApi();
  responses = await startResponseUrlServer();
  db = openDatabase(':memory:');
  received = [];
  nowMs = 1_800_000_000_000;
  adapter = null;
  api.users.set('UOWNER', { is_admin: false, is_owner: true });
  api.users.set('UWSADMIN', { is_admin: true, is_owner: false });
  api.users.set('UMEMBER', { is_admin: false, is_owner: false });
});

afterEach(async () => {
  await adapter?.stop();
  await responses.close();
  await api.close();
  db.close();
});

async function startWith(adminUserIds: string[]): Promise<string> {
  const { log, lines } = createRecordingLogger();
  logLines = lines;
  adapter = createSlackAdapter(
    { botToken: 'xoxb-fake1', appToken: null, signingSecret: SECRET, port: 0, adminUserIds, apiUrl: api.url },
    { seen: createCommandsSeen(db, 'slack', () => nowMs), log, now: () => nowMs },
  );
  await adapter.start(async (_text, ctx) => {
    received.push(ctx);
    return { kind: 'reply', summary: 'ok', blocks: [] };
  });
  const listening = lines.find((l) => l.msg === 'slack http listening');
  return `http://127.0.0.1:${String(listening?.port)}${SLACK_EVENTS_PATH}`;
}

async function sendAs(endpoint: string, userId: string): Promise<boolean> {
  const body = new URLSearchParams(slashCommandBody({ response_url: responses.url, command: '/treaty', text: 'subscribe', user_id: userId })).toString();
  const timestampS = Math.floor(Date.now() / 1000);
  const before = responses.bodies.length;
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestampS),
      'x-slack-signature': signSlackRequest(SECRET, timestampS, body),
    },
    body,
  });
  await res.arrayBuffer();
  await responses.waitFor(before + 1);
  return received[received.length - 1]!.isAdmin;
}

describe('Slack admins', () => {
  it('counts workspace owners and admins as admins when SLACK_ADMIN_USER_IDS is unset, and says so at start', async () => {
    const endpoint = await startWith([]);
    expect(await sendAs(endpoint, 'UOWNER')).toBe(true);
    expect(await sendAs(endpoint, 'UWSADMIN')).toBe(true);
    expect(await sendAs(endpoint, 'UMEMBER')).toBe(false);
    expect(await sendAs(endpoint, 'UNKNOWN')).toBe(false);
    expect(api.calls.filter((c) => c.method === 'users.info').map((c) => c.args.user)).toEqual(['UOWNER', 'UWSADMIN', 'UMEMBER', 'UNKNOWN']);
    expect(logLines.find((l) => l.msg === 'slack admins')?.admins).toMatch(/^workspace admins and owners/);
  });

  it('asks users.info once per user while the answer is fresh, and again after it expires', async () => {
    const endpoint = await startWith([]);
    expect(await sendAs(endpoint, 'UOWNER')).toBe(true);
    expect(await sendAs(endpoint, 'UOWNER')).toBe(true);
    expect(api.calls.filter((c) => c.method === 'users.info')).toHaveLength(1);
    api.users.set('UOWNER', { is_admin: false, is_owner: false });
    nowMs += ADMIN_CACHE_TTL_MS + 1;
    expect(await sendAs(endpoint, 'UOWNER')).toBe(false);
    expect(api.calls.filter((c) => c.method === 'users.info')).toHaveLength(2);
  });

  it('uses only the listed ids when SLACK_ADMIN_USER_IDS is set, without asking Slack', async () => {
    const endpoint = await startWith(['UMEMBER']);
    expect(await sendAs(endpoint, 'UMEMBER')).toBe(true);
    expect(await sendAs(endpoint, 'UOWNER')).toBe(false);
    expect(api.calls.some((c) => c.method === 'users.info')).toBe(false);
    expect(logLines.find((l) => l.msg === 'slack admins')?.admins).toBe('SLACK_ADMIN_USER_IDS (UMEMBER)');
  });

  it('treats a failed lookup as not admin and asks again next time', async () => {
    const endpoint = await startWith([]);
    api.script('users.info', { kind: 'platform-error', error: 'missing_scope' });
    expect(await sendAs(endpoint, 'UOWNER')).toBe(false);
    expect(logLines.some((l) => l.msg === 'slack admin lookup failed')).toBe(true);
    expect(await sendAs(endpoint, 'UOWNER')).toBe(true);
  });
});
