/**
 * `treatywatch start` as a supervisor sees it: every configuration or start-up problem is one line
 * on stderr naming the variable or file and the fix, exit code 1, and no polling begun.
 */
import Database from 'better-sqlite3';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { startFakeHomeserver, type FakeHomeserver } from '../adapters/matrix/fake-homeserver.js';
import { startFakeSlackApi, type FakeSlackApi } from '../adapters/slack/fake-slack-api.js';

let dir: string;
let slack: FakeSlackApi;
// A Slack API that accepts the token, so that the port is what fails.
let slackOk: FakeSlackApi;
let matrix: FakeHomeserver;
let busy: Server;
let busyPort: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tw-fail-fast-'));
  writeFileSync(join(dir, 'sources.json'), '[]');
  writeFileSync(join(dir, 'plain-file'), 'not a folder');
  writeFileSync(join(dir, 'corrupt.db'), Buffer.alloc(8192, 0x5a));
  const newer = new Database(join(dir, 'newer.db'));
  newer.pragma('user_version = 9999');
  newer.close();
  slack = await startFakeSlackApi();
  slack.handle('auth.test', () => ({ ok: false, error: 'invalid_auth' }));
  slackOk = await startFakeSlackApi();
  matrix = await startFakeHomeserver();
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => busy.close(() => resolve()));
  await slack.close();
  await slackOk.close();
  await matrix.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  const err: string[] = [];
  const code = await runCli(['start'], {
    stdout: () => undefined, stderr: (t) => void err.push(t), stdin: new PassThrough(),
    env: { TREATYWATCH_DB: join(dir, 'ok.db'), TREATYWATCH_SOURCES: join(dir, 'sources.json'), TREATYWATCH_TREATY_TEXT: 'off', LOG_LEVEL: 'warn', ...env },
  });
  return { code, stderr: err.join('') };
}

describe('start refuses at once, in one line naming the variable or file and the fix', () => {
  const cases: [string, () => Record<string, string>, RegExp][] = [
    ['only SLACK_BOT_TOKEN', () => ({ SLACK_BOT_TOKEN: 'xoxb-fake-only' }), /SLACK_BOT_TOKEN is set without SLACK_APP_TOKEN.*; set SLACK_APP_TOKEN/],
    ['only SLACK_APP_TOKEN', () => ({ SLACK_APP_TOKEN: 'xapp-fake-only' }), /SLACK_APP_TOKEN is set without SLACK_BOT_TOKEN; set SLACK_BOT_TOKEN/],
    ['only MATRIX_ACCESS_TOKEN', () => ({ MATRIX_ACCESS_TOKEN: 'syt_fake_only' }), /MATRIX_ACCESS_TOKEN is set without MATRIX_HOMESERVER_URL; set MATRIX_HOMESERVER_URL/],
    ['only MATRIX_HOMESERVER_URL', () => ({ MATRIX_HOMESERVER_URL: 'https://matrix.example.org' }), /MATRIX_HOMESERVER_URL is set without MATRIX_ACCESS_TOKEN; set MATRIX_ACCESS_TOKEN/],
    ['a digest cron that does not parse', () => ({ TREATYWATCH_DIGEST_CRON: 'every morning' }), /TREATYWATCH_DIGEST_CRON must be a five-field cron expression .*got "every morning"/],
    ['a URL that is not one', () => ({ SLACK_API_URL: 'notaurl', SLACK_BOT_TOKEN: 'xoxb-fake-x', SLACK_APP_TOKEN: 'xapp-fake-x' }), /SLACK_API_URL must be an http\(s\) URL/],
    ['a bad host', () => ({ TREATYWATCH_HTTP_HOST: 'not a host' }), /TREATYWATCH_HTTP_HOST must be an IP address or a host name/],
    ['the ops port in use', () => ({ TREATYWATCH_HTTP_PORT: String(busyPort) }), /ops: cannot listen on 127\.0\.0\.1 port \d+ \(EADDRINUSE\); set TREATYWATCH_HTTP_PORT to a free port/],
    ['the Slack port in use', () => ({ SLACK_BOT_TOKEN: 'xoxb-fake-p', SLACK_SIGNING_SECRET: 'fake-secret', SLACK_PORT: String(busyPort), SLACK_API_URL: slackOk.url }), /slack: cannot listen on 127\.0\.0\.1 port \d+ \(EADDRINUSE\); set SLACK_PORT/],
    ['a Slack token Slack refuses', () => ({ SLACK_BOT_TOKEN: 'xoxb-fake-refused', SLACK_APP_TOKEN: 'xapp-fake-refused', SLACK_API_URL: slack.url }), /slack: auth\.test failed; check SLACK_BOT_TOKEN/],
    ['a Matrix token the homeserver refuses (user id set)', () => ({ MATRIX_HOMESERVER_URL: matrix.url, MATRIX_ACCESS_TOKEN: 'syt_wrong_token', MATRIX_USER_ID: matrix.userId }), /matrix: the homeserver refused MATRIX_ACCESS_TOKEN/],
    ['a Matrix token the homeserver refuses (no user id)', () => ({ MATRIX_HOMESERVER_URL: matrix.url, MATRIX_ACCESS_TOKEN: 'syt_wrong_token' }), /matrix: whoami at .* failed \(check MATRIX_ACCESS_TOKEN\)/],
    ['a database path under a file', () => ({ TREATYWATCH_DB: join(dir, 'plain-file', 'tw.db') }), /store: cannot create the folder of .*plain-file\/tw\.db \(a part of the path is a file\); set TREATYWATCH_DB/],
    ['a corrupt database', () => ({ TREATYWATCH_DB: join(dir, 'corrupt.db') }), /store: .*corrupt\.db is not a readable SQLite database .*; restore it from a backup/],
    ['a database from a newer version', () => ({ TREATYWATCH_DB: join(dir, 'newer.db') }), /store: .*newer\.db has schema version 9999, newer than this treatywatch knows/],
    ['a database that is a folder', () => ({ TREATYWATCH_DB: dir }), /store: cannot open .* for writing \(SQLITE_CANTOPEN\); give the bot's user write access/],
  ];
  it.each(cases)('%s', async (_name, env, pattern) => {
    const { code, stderr } = await start(env());
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^treatywatch start: /);
    expect(lines[0]).toMatch(pattern);
    expect(stderr).not.toContain('bot started');
  }, 30_000);
});
