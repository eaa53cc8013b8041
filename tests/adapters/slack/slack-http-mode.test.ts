import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatAdapter, CommandContext } from '../../../src/chat/chat-adapter.js';
import type { Message } from '../../../src/chat/message.js';
import { openDatabase, type Db } from '../../../src/store/db.js';
import { createCommandsSeen } from '../../../src/store/commands-seen-store.js';
import { createSlackAdapter, SLACK_EVENTS_PATH } from '../../../adapters/slack/index.js';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';
import {
  createRecordingLogger,
  signSlackRequest,
  slashCommandBody,
  startResponseUrlServer,
  type ResponseUrlServer,
} from './slack-test-helpers.js';

const SECRET = 'test-signing-secret-1234';
const HOSTILE = '<!channel> & <@U123> <https://x|y>';

let api: FakeSlackApi;
let responses: ResponseUrlServer;
let db: Db;
let adapter: ChatAdapter;
let endpoint: string;
let received: { text: string; ctx: CommandContext }[];
let reply: (text: string) => Promise<Message>;
let logLines: Record<string, unknown>[];

beforeEach(async () => {
  api = await startFakeSlackApi();
  responses = await startResponseUrlServer();
  db = openDatabase(':memory:');
  received = [];
  reply = async (text) => ({
    kind: 'reply',
    summary: `Article ${text}`,
    ephemeral: true,
    blocks: [
      { type: 'heading', text: HOSTILE },
      { type: 'paragraph', spans: [{ text: HOSTILE }] },
    ],
  });
  const { log, lines } = createRecordingLogger();
  logLines = lines;
  adapter = createSlackAdapter(
    { botToken: 'xoxb-fake1', appToken: null, signingSecret: SECRET, port: 0, adminUserIds: ['UADMIN'], apiUrl: api.url },
    { seen: createCommandsSeen(db, 'slack', Date.now), log },
  );
  await adapter.start(async (text, ctx) => {
    received.push({ text, ctx });
    return reply(text);
  });
  const listening = lines.find((l) => l.msg === 'slack http listening');
  endpoint = `http://127.0.0.1:${String(listening?.port)}${SLACK_EVENTS_PATH}`;
});

afterEach(async () => {
  await adapter.stop();
  await responses.close();
  await api.close();
  db.close();
});

interface SendOptions {
  secret?: string;
  timestampS?: number;
  signedBody?: string;
  prefix?: string;
  omitHeaders?: boolean;
  headers?: Record<string, string>;
}

async function sendCommand(fields: Record<string, string>, opts: SendOptions = {}): Promise<number> {
  const body = new URLSearchParams(slashCommandBody({ response_url: responses.url, ...fields })).toString();
  const timestampS = opts.timestampS ?? Math.floor(Date.now() / 1000);
  const signature = signSlackRequest(opts.secret ?? SECRET, timestampS, opts.signedBody ?? body);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...opts.headers };
  if (!opts.omitHeaders) {
    headers['x-slack-request-timestamp'] = String(timestampS);
    headers['x-slack-signature'] = opts.prefix ? signature.replace(/^v0=/, opts.prefix) : signature;
  }
  const res = await fetch(endpoint, { method: 'POST', headers, body });
  await res.arrayBuffer();
  return res.status;
}

describe('Slack adapter in HTTP mode', () => {
  const nowS = () => Math.floor(Date.now() / 1000);
  it.each<{ name: string; options: () => SendOptions; status: number }>([
    { name: 'a valid signature', options: () => ({}), status: 200 },
    { name: 'a timestamp 4 minutes old', options: () => ({ timestampS: nowS() - 240 }), status: 200 },
    { name: 'a timestamp 4 minutes ahead', options: () => ({ timestampS: nowS() + 240 }), status: 200 },
    { name: 'the wrong secret', options: () => ({ secret: 'not-the-secret' }), status: 401 },
    { name: 'a changed body', options: () => ({ signedBody: 'command=%2Farticle&text=1' }), status: 401 },
    { name: 'a timestamp 6 minutes old', options: () => ({ timestampS: nowS() - 360 }), status: 401 },
    { name: 'a timestamp 6 minutes in the future', options: () => ({ timestampS: nowS() + 360 }), status: 401 },
    { name: 'no signature headers', options: () => ({ omitHeaders: true }), status: 401 },
    { name: 'a v1= signature', options: () => ({ prefix: 'v1=' }), status: 401 },
  ])('answers a request with $name with HTTP $status', async ({ options, status }) => {
    expect(await sendCommand({}, options())).toBe(status);
    if (status === 200) await responses.waitFor(1);
    expect(received).toHaveLength(status === 200 ? 1 : 0);
  });

  it('refuses a correctly signed request stamped in the future before Bolt sees it', async () => {
    expect(await sendCommand({}, { timestampS: Math.floor(Date.now() / 1000) + 3_600 })).toBe(401);
    expect(logLines.some((l) => l.msg === 'slack request refused' && l.reason === 'timestamp_in_future')).toBe(true);
  });

  it('acknowledges /article before the answer is ready, then answers ephemerally through response_url', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowReply = reply;
    reply = async (text) => {
      await gate;
      return slowReply(text);
    };
    // The 200 arrives while the handler is still blocked: ack comes first, work after.
    expect(await sendCommand({ text: '28.4', user_id: 'UADMIN' })).toBe(200);
    expect(responses.bodies).toHaveLength(0);
    release();
    await responses.waitFor(1);
    expect(received).toEqual([{ text: 'article 28.4', ctx: { adapter: 'slack', channel: 'C42', userId: 'UADMIN', isAdmin: true } }]);
    const e = '&lt;!channel&gt; &amp; &lt;@U123&gt; &lt;https://x|y&gt;';
    expect(responses.bodies[0]).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: e } },
        { type: 'section', text: { type: 'mrkdwn', text: e } },
      ],
    });
    expect(String(responses.bodies[0]!.text)).not.toContain('<');
  });

  it('passes /treaty commands through and answers in the channel when asked with --public', async () => {
    expect(await sendCommand({ command: '/treaty', text: 'digest today --public' })).toBe(200);
    await responses.waitFor(1);
    expect(received[0]).toMatchObject({ text: 'digest today', ctx: { isAdmin: false, userId: 'U777' } });
    expect(responses.bodies[0]).toMatchObject({ response_type: 'in_channel' });
  });

  it('answers a retried delivery of the same command only once', async () => {
    const fields = { trigger_id: 'trigger-fixed-1' };
    expect(await sendCommand(fields)).toBe(200);
    await responses.waitFor(1);
    expect(await sendCommand(fields, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })).toBe(200);
    expect(await sendCommand({ text: '5' })).toBe(200);
    await responses.waitFor(2);
    expect(received.map((r) => r.text)).toEqual(['article 28.4', 'article 5']);
    expect(db.prepare('SELECT COUNT(*) AS n FROM commands_seen WHERE platform = ?').get('slack')).toEqual({ n: 2 });
  });

  it('is connected while listening and not after stop', async () => {
    expect(adapter.isConnected()).toBe(true);
    await adapter.stop();
    expect(adapter.isConnected()).toBe(false);
  });
});
