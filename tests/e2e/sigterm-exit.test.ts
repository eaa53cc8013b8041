/**
 * The built program under a supervisor: SIGTERM in every adapter mode, with a poll in flight (a
 * feed that never answers) and a half-open request on each of its ports, must end the process
 * promptly with exit code 0. Exit times are printed for the record; only a generous test timeout
 * bounds them here (the benchmark is the place for timings).
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { startFakeHomeserver, type FakeHomeserver } from '../adapters/matrix/fake-homeserver.js';
import { startFakeSlackApi, type FakeSlackApi } from '../adapters/slack/fake-slack-api.js';
import { spawnBot } from '../helpers/bot-process.js';
import { buildBot, type BuiltBot } from '../helpers/build-bot.js';

let bot: BuiltBot;
let dir: string;
let slack: FakeSlackApi;
let wss: WebSocketServer;
let matrix: FakeHomeserver;
let hanging: Server;
const held = new Set<ServerResponse>();
const sockets: Socket[] = [];
const exitTimes: Record<string, number> = {};

beforeAll(async () => {
  bot = buildBot();
  dir = mkdtempSync(join(tmpdir(), 'tw-sigterm-'));
  slack = await startFakeSlackApi();
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  slack.handle('apps.connections.open', () => ({ ok: true, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link` }));
  wss.on('connection', (ws) => ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' }, connection_info: { app_id: 'A1' } })));
  matrix = await startFakeHomeserver();
  // A feed server that takes every request and never answers: the bot's first poll is still in flight at SIGTERM.
  hanging = createServer((_req, res) => void held.add(res));
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  const feed = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/feed.xml`;
  writeFileSync(join(dir, 'sources.json'), JSON.stringify([{ id: 'slow', name: 'Slow', publisher: 'x', kind: 'feed', url: feed }]));
}, 180_000);

afterAll(async () => {
  console.info(`exit after SIGTERM, per mode (ms): ${JSON.stringify(exitTimes)}`);
  for (const s of sockets) s.destroy();
  for (const res of held) res.destroy();
  await new Promise<void>((resolve) => hanging.close(() => resolve()));
  for (const client of wss.clients) client.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  await slack.close();
  await matrix.close();
  bot.remove();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens a connection to `port` and sends half a request, never finishing it. */
function openHalfRequest(port: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nhalf');
      resolve();
    });
    socket.on('error', () => undefined);
    sockets.push(socket);
  });
}

const MODES: [string, () => Record<string, string>, string[]][] = [
  ['console', () => ({}), []],
  ['Slack Socket Mode', () => ({ SLACK_BOT_TOKEN: 'xoxb-fake-sigterm', SLACK_APP_TOKEN: 'xapp-fake-sigterm', SLACK_API_URL: slack.url }), []],
  ['Slack HTTP mode', () => ({ SLACK_BOT_TOKEN: 'xoxb-fake-sigterm', SLACK_SIGNING_SECRET: 'fake-signing-secret', SLACK_PORT: '0', SLACK_API_URL: slack.url }), ['slack http listening']],
  ['Matrix', () => ({ MATRIX_HOMESERVER_URL: matrix.url, MATRIX_ACCESS_TOKEN: matrix.accessToken, MATRIX_USER_ID: matrix.userId }), []],
];

describe('SIGTERM', () => {
  it.each(MODES)('ends the %s bot with exit code 0, half-open requests and a poll in flight notwithstanding', async (mode, env, portLogs) => {
    const child = spawnBot(bot.cli, ['start'], {
      ...env(), TREATYWATCH_DB: join(dir, `${mode.replace(/\W+/g, '-')}.db`), TREATYWATCH_SOURCES: join(dir, 'sources.json'),
      TREATYWATCH_HTTP_PORT: '0', LOG_LEVEL: 'info',
    });
    try {
      await child.waitForLog('bot started');
      for (const msg of ['ops server listening', ...portLogs]) await openHalfRequest(Number((await child.waitForLog(msg)).port));
      // The poll has reached the feed server and waits for an answer that never comes.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const exit = await child.signal('SIGTERM');
      exitTimes[mode] = exit.ms;
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(child.logs().some((l) => l.msg === 'bot stopped')).toBe(true);
    } finally {
      child.child.kill('SIGKILL');
    }
  }, 60_000);
});
