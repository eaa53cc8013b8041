import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../../src/chat/chat-adapter.js';
import { textMessage } from '../../../src/chat/message.js';
import { createCommandsSeen } from '../../../src/store/commands-seen-store.js';
import { openDatabase, type Db } from '../../../src/store/db.js';
import { createSlackAdapter, SLACK_EVENTS_PATH } from '../../../adapters/slack/index.js';
import { MAX_REQUEST_BODY_BYTES } from '../../../adapters/slack/request-body-cap.js';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';
import { createRecordingLogger, signSlackRequest, slashCommandBody, startResponseUrlServer, type ResponseUrlServer } from './slack-test-helpers.js';

const SECRET = 'test-signing-secret-guards';
let api: FakeSlackApi;
let responses: ResponseUrlServer;
let db: Db;
let adapter: ChatAdapter;
let port = 0;
let received: string[] = [];
let lines: Record<string, unknown>[];

beforeAll(async () => {
  api = await startFakeSlackApi();
  responses = await startResponseUrlServer();
  db = openDatabase(':memory:');
  const recording = createRecordingLogger();
  lines = recording.lines;
  adapter = createSlackAdapter(
    { botToken: 'xoxb-fake1', appToken: null, signingSecret: SECRET, port: 0, adminUserIds: [], apiUrl: api.url },
    { seen: createCommandsSeen(db, 'slack', Date.now), log: recording.log },
  );
  await adapter.start(async (text) => {
    received.push(text);
    return textMessage('reply', 'ok', { ephemeral: true });
  });
  port = Number(lines.find((l) => l.msg === 'slack http listening')?.port);
});
afterAll(async () => {
  await adapter.stop();
  await responses.close();
  await api.close();
  db.close();
});

/** Sends a slash command whose timestamp header is spelled `header`, signed as Bolt will check it (over `Number(header)`). */
async function sendStamped(header: string): Promise<number> {
  const body = new URLSearchParams(slashCommandBody({ response_url: responses.url })).toString();
  const res = await fetch(`http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': header,
      'x-slack-signature': signSlackRequest(SECRET, Number(header), body),
    },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

const hex = (n: number) => `0x${n.toString(16)}`;
const spellings: [string, (s: number) => string][] = [
  ['a plus sign', (s) => `+${s}`],
  ['a decimal point and zero', (s) => `${s}.0`],
  ['hexadecimal', hex],
  ['an exponent', (s) => `${s / 100}e2`],
  ['leading zeros', (s) => `000${s}`],
  ['surrounding spaces', (s) => ` ${s} `],
];

describe('the future-timestamp guard in HTTP mode reads the header as Bolt does', () => {
  // An hour ahead, whole hundreds so the exponent spelling is exact.
  const future = () => Math.ceil(Date.now() / 100_000) * 100 + 3_600;
  it.each(spellings)('refuses a signed request stamped an hour ahead and spelled with %s', async (_name, spell) => {
    const before = received.length;
    expect(await sendStamped(spell(future()))).toBe(401);
    expect(received).toHaveLength(before);
  });

  it('refuses a stamp given in milliseconds (it lies far in the future)', async () => {
    expect(await sendStamped(String(Date.now()))).toBe(401);
  });

  it.each(spellings.filter(([name]) => name !== 'an exponent'))('still accepts a current stamp spelled with %s', async (_name, spell) => {
    const before = responses.bodies.length;
    expect(await sendStamped(spell(Math.floor(Date.now() / 1000)))).toBe(200);
    await responses.waitFor(before + 1);
  });
});

/** Posts `totalBytes` of unsigned body in 64 KiB chunks, with or without a Content-Length; resolves with the status (or 'reset'). */
function postLarge(totalBytes: number, declareLength: boolean): Promise<number | 'reset'> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (declareLength) headers['content-length'] = totalBytes;
    const req = request({ host: '127.0.0.1', port, path: SLACK_EVENTS_PATH, method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', () => resolve('reset'));
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = (): void => {
      while (sent < totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('the request body cap in HTTP mode', () => {
  it('refuses a declared body over the cap with 413 before reading it', async () => {
    expect(await postLarge(MAX_REQUEST_BODY_BYTES + 1, true)).toBe(413);
    expect(lines.some((l) => l.msg === 'slack request refused' && l.reason === 'body_too_large')).toBe(true);
  });

  it('stops a streamed body without a length once it passes the cap', async () => {
    const result = await postLarge(8 * MAX_REQUEST_BODY_BYTES, false);
    expect([413, 'reset']).toContain(result);
  });

  it('still answers a signed command after refusing large bodies', async () => {
    const before = responses.bodies.length;
    expect(await sendStamped(String(Math.floor(Date.now() / 1000)))).toBe(200);
    await responses.waitFor(before + 1);
  });
});

describe('where HTTP mode listens', () => {
  const outward = Object.values(networkInterfaces()).flat().find((a) => a !== undefined && a.family === 'IPv4' && !a.internal)?.address;

  it('listens on 127.0.0.1 when SLACK_HOST is not set (a TLS proxy on the same host forwards to it)', () => {
    expect(lines.find((l) => l.msg === 'slack http listening')?.host).toBe('127.0.0.1');
  });

  it.skipIf(outward === undefined)('is not reachable on the host\'s other addresses', async () => {
    const reached = await new Promise<boolean>((resolve) => {
      const socket = connect(port, outward!, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    expect(reached).toBe(false);
  });
});
