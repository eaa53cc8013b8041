/**
 * Two copies of the built program started together on one database: one runs, the other exits 1
 * naming it, and a run of new items gives exactly one alert each. Then the 100 MB unsigned POST
 * against Slack HTTP mode: the process's peak memory stays within 20 MB of where it was.
 */
import Database from 'better-sqlite3';
import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../adapters/slack/fake-slack-api.js';
import { spawnBot, type BotProcess } from '../helpers/bot-process.js';
import { buildBot, type BuiltBot } from '../helpers/build-bot.js';
import { startFeedServer, type FeedEntry } from './feed-server.js';

const NEW_ITEMS = 20;
const MB = 1024 * 1024;
let bot: BuiltBot;
let dir: string;
let feeds: Map<string, FeedEntry[]>;
let server: Awaited<ReturnType<typeof startFeedServer>>;
let slack: FakeSlackApi;
const running: BotProcess[] = [];

beforeAll(async () => {
  bot = buildBot();
  dir = mkdtempSync(join(tmpdir(), 'tw-two-bots-'));
  feeds = new Map([['status', []]]);
  server = await startFeedServer(feeds);
  slack = await startFakeSlackApi();
  writeFileSync(join(dir, 'sources.json'), JSON.stringify([{ id: 'status-news', name: 'Status', publisher: 'UN', kind: 'feed', url: `${server.base}/status.xml`, priority: 'high' }]));
}, 180_000);

afterAll(async () => {
  for (const child of running) child.child.kill('SIGKILL');
  await server.close();
  await slack.close();
  bot.remove();
  rmSync(dir, { recursive: true, force: true });
});

const baseEnv = () => ({ TREATYWATCH_DB: join(dir, 'tw.db'), TREATYWATCH_SOURCES: join(dir, 'sources.json'), TREATYWATCH_TREATY_TEXT: 'off', LOG_LEVEL: 'info' });

function entry(n: number): FeedEntry {
  return { guid: `e${n}`, title: `Convention update ${n}: state ${n} ratifies the UN cybercrime treaty`, text: `State ${n} deposited its instrument of ratification of the United Nations Convention against Cybercrime.` };
}

describe('two bots started on one database', () => {
  it('the second exits 1 naming the first, and each new item is posted exactly once', async () => {
    // The source's first poll (which records without alerting) is done, then 20 new items appear.
    const first = spawnBot(bot.cli, ['poll', '--once'], baseEnv(), { closeStdin: true });
    expect((await first.exited).code).toBe(0);
    feeds.set('status', Array.from({ length: NEW_ITEMS }, (_, i) => entry(i + 1)));
    const db = new Database(join(dir, 'tw.db'));
    db.prepare('UPDATE sources SET next_check_at_ms = 0').run();
    db.close();

    const pair = [spawnBot(bot.cli, ['start'], baseEnv()), spawnBot(bot.cli, ['start'], baseEnv())];
    running.push(...pair);
    const loser = await Promise.race(pair.map((p) => p.exited.then(() => p)));
    const winner = pair.find((p) => p !== loser)!;
    expect((await loser.exited).code).toBe(1);
    const message = loser.stderr().trim();
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(new RegExp(`the database is in use by treatywatch start \\(pid ${winner.child.pid} on host .+, since .+\\)`));

    await winner.waitForStdout(new RegExp(`(\\[ALERT\\][^\\n]*\\n[\\s\\S]*){${NEW_ITEMS}}`), 60_000);
    // A little longer: a second writer, had there been one, would post its copies now.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const alerts = [...`${winner.stdout()}${loser.stdout()}`.matchAll(/\[ALERT\][^\n]*update (\d+):/g)].map((m) => Number(m[1]));
    expect(alerts.sort((a, b) => a - b)).toEqual(Array.from({ length: NEW_ITEMS }, (_, i) => i + 1));
    expect(loser.stdout()).not.toContain('[ALERT]');
    expect(await winner.signal('SIGTERM')).toMatchObject({ code: 0 });
  }, 150_000);
});

/** Streams `totalBytes` of unsigned body to the Slack endpoint; resolves with the status, or 'reset' when the bot closed the connection. */
function postHuge(port: number, totalBytes: number): Promise<number | 'reset'> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/slack/events', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', () => resolve('reset'));
    const chunk = Buffer.alloc(256 * 1024, 0x7b);
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

describe('Slack HTTP mode under a 100 MB unsigned POST', () => {
  it('refuses it without buffering: peak memory stays within 20 MB of where it was', async () => {
    const child = spawnBot(bot.cli, ['start'], {
      ...baseEnv(), TREATYWATCH_DB: join(dir, 'slack.db'), SLACK_BOT_TOKEN: 'xoxb-fake-memory', SLACK_SIGNING_SECRET: 'fake-signing-secret',
      SLACK_PORT: '0', SLACK_API_URL: slack.url,
    });
    running.push(child);
    const port = Number((await child.waitForLog('slack http listening')).port);
    await child.waitForLog('bot started');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const before = child.memory();
    const result = await postHuge(port, 100 * MB);
    const after = child.memory();
    console.info(`Slack HTTP mode, 100 MB unsigned POST: ${String(result)}; RSS before ${(before.rss / MB).toFixed(1)} MB, peak after ${(after.peak / MB).toFixed(1)} MB`);
    expect([413, 'reset']).toContain(result);
    expect(after.peak - before.rss).toBeLessThan(20 * MB);
    expect(await child.signal('SIGTERM')).toMatchObject({ code: 0 });
  }, 120_000);
});
