import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot } from '../../src/main.js';
import { BOT_PAGE_CACHE_KIB } from '../../src/store/db.js';
import { conditionalRoute, rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

const FAKE = {
  SLACK_BOT_TOKEN: 'xoxb-fake-bot',
  SLACK_APP_TOKEN: 'xapp-fake-app',
  SLACK_SIGNING_SECRET: 'fake-signing-secret-0123456789',
  MATRIX_ACCESS_TOKEN: 'syt_fakemx1',
};

let server: FixtureServer;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tw-ops-'));
  server = await startFixtureServer({
    '/feed.xml': conditionalRoute(() => rssFeed([['g1', 'UN Convention against Cybercrime opens for signature', 'Hanoi']])),
    // A Slack Web API and a homeserver that refuse the tokens and echo them back, as a careless proxy might.
    '/slack/api/auth.test': (req, res) => res.writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ ok: false, error: 'invalid_auth', echoed: req.headers.authorization })),
    '/_matrix/client/versions': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ versions: ['v1.11'] })),
    '/_matrix/client/v3/account/whoami': (req, res) => res.writeHead(401, { 'content-type': 'application/json' })
      .end(JSON.stringify({ errcode: 'M_UNKNOWN_TOKEN', error: `Unknown token ${req.headers.authorization}` })),
  });
  writeFileSync(join(dir, 'sources.json'), JSON.stringify([{ id: 'local', name: 'Local', publisher: 'me', kind: 'feed', url: server.url('/feed.xml') }]));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a running bot', () => {
  it('serves health, readiness and metrics that follow its polls', async () => {
    const logs: string[] = [];
    let printed = '';
    const bot = await startBot({
      env: { TREATYWATCH_DB: join(dir, 'a.db'), TREATYWATCH_SOURCES: join(dir, 'sources.json'), TREATYWATCH_HTTP_PORT: '0', LOG_LEVEL: 'debug', TREATYWATCH_TREATY_TEXT: 'off' },
      input: new PassThrough(), write: (t) => (printed += t), logWrite: (l) => logs.push(l), pollCron: '* * * * * *',
    });
    try {
      // The first run explains itself before anything else is printed.
      expect(printed).toMatch(/^treatywatch is starting\n {2}sources: +1 source,.*\n {2}database: +.*a\.db\n {2}adapters: +console\n {2}official text: English: not imported/);
      const base = `http://127.0.0.1:${bot.opsPort}`;
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      // The bot's connection keeps a small page cache (memory), unlike the library's default.
      expect(bot.db.pragma('cache_size', { simple: true })).toBe(-BOT_PAGE_CACHE_KIB);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ checks: { database: true, scheduler: true, 'adapter:console': true } });
      let metrics = '';
      for (let i = 0; i < 100 && !metrics.includes('treatywatch_items_ingested_total 1'); i++) {
        await new Promise((r) => setTimeout(r, 50));
        metrics = await (await fetch(`${base}/metrics`)).text();
      }
      expect(metrics).toContain('treatywatch_items_ingested_total 1');
      expect(metrics).toContain('treatywatch_sources{state="ok"} 1');
      expect(logs.some((l) => JSON.parse(l).msg === 'source polled')).toBe(true);
    } finally {
      await bot.stop();
    }
    const down = await fetch(`http://127.0.0.1:${bot.opsPort}/healthz`).catch(() => null);
    expect(down).toBeNull();
  });

  it.each([
    ['Slack', { SLACK_API_URL: '/slack/api/' }],
    ['Matrix', { MATRIX_HOMESERVER_URL: '' }],
  ])('keeps every token and secret out of the log when %s refuses them and echoes them back', async (platform, urls) => {
    const logs: string[] = [];
    const { MATRIX_ACCESS_TOKEN, ...slack } = FAKE;
    const only = platform === 'Slack' ? slack : { MATRIX_ACCESS_TOKEN };
    const env = {
      ...only, ...Object.fromEntries(Object.entries(urls).map(([k, path]) => [k, server.url(path)])),
      TREATYWATCH_DB: join(dir, `${platform}.db`), TREATYWATCH_SOURCES: join(dir, 'sources.json'), LOG_LEVEL: 'debug',
    };
    const started = startBot({ env, input: new PassThrough(), write: () => {}, logWrite: (l) => logs.push(l) });
    await expect(started).rejects.toThrow();
    const error = await started.catch((err: unknown) => String(err instanceof Error ? err.message : err));
    const output = logs.join('\n') + '\n' + String(error);
    expect(logs.length).toBeGreaterThan(0);
    for (const line of logs) expect(() => JSON.parse(line), line).not.toThrow();
    for (const secret of Object.values(FAKE)) expect(output).not.toContain(secret);
  });

  it('refuses to start on a bad knowledge file, naming the file and line, before opening the database', async () => {
    const calendar = join(dir, 'calendar.tsv');
    writeFileSync(calendar, 'start\tend\tevent\tplace\tkind\n2026-02-30x\t\tSession\tVienna\tsession\n');
    const dbPath = join(dir, 'knowledge.db');
    const env = { TREATYWATCH_DB: dbPath, TREATYWATCH_SOURCES: join(dir, 'sources.json'), TREATYWATCH_CALENDAR: calendar };
    const started = startBot({ env, input: new PassThrough(), write: () => {}, logWrite: () => {} });
    await expect(started).rejects.toThrow(`knowledge: ${calendar} line 2: bad date "2026-02-30x"`);
    expect(existsSync(dbPath)).toBe(false);
  });
});
