import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ChatAdapter } from '../../../src/chat/chat-adapter.js';
import { textMessage } from '../../../src/chat/message.js';
import { openDatabase, type Db } from '../../../src/store/db.js';
import { createCommandsSeen } from '../../../src/store/commands-seen-store.js';
import { createSlackAdapter } from '../../../adapters/slack/index.js';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';
import { createRecordingLogger, slashCommandBody, startResponseUrlServer, type ResponseUrlServer } from './slack-test-helpers.js';

let api: FakeSlackApi;
let responses: ResponseUrlServer;
let wss: WebSocketServer;
let socket: Promise<WebSocket>;
let db: Db;
let adapter: ChatAdapter;
let received: string[];

/** Resolves with the next JSON message the app sends on the socket. */
function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)) as Record<string, unknown>)));
}

beforeEach(async () => {
  api = await startFakeSlackApi();
  responses = await startResponseUrlServer();
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
  api.handle('apps.connections.open', () => ({ ok: true, url: wsUrl }));
  socket = new Promise((resolve) => {
    wss.on('connection', (ws) => {
      // Slack's first frame on a new Socket Mode connection.
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' }, connection_info: { app_id: 'A1' } }));
      resolve(ws);
    });
  });
  db = openDatabase(':memory:');
  received = [];
  adapter = createSlackAdapter(
    { botToken: 'xoxb-fake1', appToken: 'xapp-fake1', signingSecret: null, port: null, adminUserIds: [], apiUrl: api.url },
    { seen: createCommandsSeen(db, 'slack', Date.now), log: createRecordingLogger().log },
  );
  await adapter.start(async (text) => {
    received.push(text);
    return textMessage('reply', `Answer to ${text} <!here>`, { ephemeral: true });
  });
});

afterEach(async () => {
  await adapter.stop();
  for (const client of wss.clients) client.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  await responses.close();
  await api.close();
  db.close();
});

describe('Slack adapter in Socket Mode', () => {
  it('connects through apps.connections.open with the app token and reports readiness', async () => {
    await socket;
    expect(adapter.isConnected()).toBe(true);
    const open = api.calls.find((c) => c.method === 'apps.connections.open');
    expect(open?.authorization).toBe('Bearer xapp-fake1');
    expect(api.calls.find((c) => c.method === 'auth.test')?.authorization).toBe('Bearer xoxb-fake1');
  });

  it('acks a slash_commands envelope by its id and answers through response_url', async () => {
    const ws = await socket;
    const ack = nextMessage(ws);
    ws.send(
      JSON.stringify({
        envelope_id: 'env-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: slashCommandBody({ command: '/article', text: '28.4', response_url: responses.url, trigger_id: 'trig-1' }),
      }),
    );
    expect(await ack).toMatchObject({ envelope_id: 'env-1' });
    await responses.waitFor(1);
    expect(received).toEqual(['article 28.4']);
    expect(responses.bodies[0]).toMatchObject({
      response_type: 'ephemeral',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Answer to article 28.4 &lt;!here&gt;' } }],
    });
  });

  it('answers a redelivered envelope once', async () => {
    const ws = await socket;
    const payload = slashCommandBody({ command: '/treaty', text: 'status', response_url: responses.url, trigger_id: 'trig-2' });
    for (const [id, retry] of [['env-2', 0], ['env-3', 1]] as const) {
      const ack = nextMessage(ws);
      ws.send(JSON.stringify({ envelope_id: id, type: 'slash_commands', accepts_response_payload: true, retry_attempt: retry, payload }));
      expect(await ack).toMatchObject({ envelope_id: id });
    }
    // A different command after the redelivery shows the queue moved on without answering it twice.
    ws.send(
      JSON.stringify({
        envelope_id: 'env-4',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: slashCommandBody({ command: '/article', text: '5', response_url: responses.url, trigger_id: 'trig-3' }),
      }),
    );
    await responses.waitFor(2);
    expect(received).toEqual(['status', 'article 5']);
  });
});
