import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli.js';
import { startBot, type Bot } from '../../src/main.js';
import { TEXT_LANGUAGES, type TextLanguage } from '../../src/domain.js';
import { rssFeed, startFixtureServer, type FixtureServer, type Route } from '../helpers/fixture-server.js';
import { generatedParagraph, generateHtml, generatePdf } from './generated-convention.js';
import { makeTempDir, readStoredRows } from './treaty-fixtures.js';
import { openDatabase } from '../../src/store/db.js';

let server: FixtureServer;
let dir: string;
let pdf: { en: Uint8Array; broken: Uint8Array };
let release: () => void = () => {};

const pdfRoute = (bytes: () => Uint8Array): Route => (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end(bytes());

beforeAll(async () => {
  dir = makeTempDir();
  pdf = { en: await generatePdf('en'), broken: await generatePdf('en', { omit: [40] }) };
  server = await startFixtureServer({
    '/feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed([['g1', 'Nothing new', 'A quiet day']])),
    '/mirror/convention.html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(generateHtml('en')),
    '/broken/en.pdf': pdfRoute(() => pdf.broken),
  });
  writeFileSync(join(dir, 'sources.json'), JSON.stringify([{ id: 'local', name: 'Local', publisher: 'me', kind: 'feed', url: server.url('/feed.xml') }]));
}, 60_000);
afterAll(async () => {
  release();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const unUrls = (prefix: string) => Object.fromEntries(TEXT_LANGUAGES.map((l) => [l, server.url(`${prefix}/${l}.pdf`)])) as Record<TextLanguage, string>;
const requestsTo = (prefix: string) => server.requests.filter((r) => r.path.startsWith(prefix)).length;

/** A bot on the console with its output, its log lines, and a way to type a command and read the reply. */
async function runBot(db: string, opts: { env?: Record<string, string>; prefix?: string; retryDelaysMs?: number[] } = {}) {
  const input = new PassThrough();
  let output = '';
  const logs: { level: string; msg: string; [k: string]: unknown }[] = [];
  const bot: Bot = await startBot({
    env: { TREATYWATCH_DB: join(dir, db), TREATYWATCH_SOURCES: join(dir, 'sources.json'), LOG_LEVEL: 'debug', ...opts.env },
    input, write: (t) => void (output += t), logWrite: (l) => logs.push(JSON.parse(l)),
    treatyText: { urls: unUrls(opts.prefix ?? '/un'), retryDelaysMs: opts.retryDelaysMs ?? [20, 20, 20], startDelayMs: 0 },
  });
  const ask = async (line: string): Promise<string> => {
    const before = output.length;
    input.write(`${line}\n`);
    await vi.waitFor(() => expect(output.slice(before)).toMatch(/treatywatch> $/), { timeout: 10_000 });
    return output.slice(before);
  };
  return { bot, logs, ask, messages: () => logs.map((l) => l.msg), output: () => output };
}

const waitForLog = (logs: { msg: string }[], msg: string) => vi.waitFor(() => expect(logs.map((l) => l.msg)).toContain(msg), { timeout: 30_000, interval: 50 });

describe('importing the official text at first start', () => {
  it('imports in the background without holding up start or commands, and a restart does not import again', async () => {
    let held = true;
    const waiting: (() => void)[] = [];
    release = () => waiting.splice(0).forEach((f) => f());
    server.routes.set('/un/en.pdf', (req, res) => {
      const send = () => pdfRoute(() => pdf.en)(req, res);
      if (held) waiting.push(send);
      else send();
    });
    const first = await runBot('first.db');
    try {
      expect(first.output()).toContain('official text: English: not imported yet, fetching it from the UN now');
      await vi.waitFor(() => expect(requestsTo('/un/en.pdf')).toBe(1));
      // The download is still held by the server: start is done and commands are answered.
      const before = await first.ask('article 28.4');
      expect(before).toContain('The official text is not imported yet');
      held = false;
      release();
      await waitForLog(first.logs, 'official text imported');
      const after = await first.ask('article 28.4');
      expect(after).toContain(generatedParagraph('en', 28, 4));
      expect(after).not.toContain(generatedParagraph('en', 28, 3));
      expect(await first.ask('status')).toMatch(new RegExp(`Official text, English: imported \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC from ${server.url('/un/en.pdf')} \\(68 articles`));
    } finally {
      await first.bot.stop();
    }
    const second = await runBot('first.db');
    try {
      expect(second.output()).toContain(`official text: English: imported`);
      expect(await second.ask('article 28.4')).toContain(generatedParagraph('en', 28, 4));
      await new Promise((r) => setTimeout(r, 200));
      expect(requestsTo('/un/')).toBe(1);
      expect(second.messages()).not.toContain('official text imported');
    } finally {
      await second.bot.stop();
    }
  }, 60_000);

  it('retries a server that fails three times, says so once at info, then imports', async () => {
    let calls = 0;
    server.routes.set('/flaky/en.pdf', (req, res) => (++calls <= 3 ? res.writeHead(503).end('busy') : pdfRoute(() => pdf.en)(req, res)));
    const run = await runBot('flaky.db', { prefix: '/flaky' });
    try {
      await waitForLog(run.logs, 'official text imported');
      expect(calls).toBe(4);
      const retries = run.logs.filter((l) => l.msg === 'official text not imported yet; retrying later');
      expect(retries.map((l) => l.level)).toEqual(['info', 'debug', 'debug']);
      expect(String(retries[0]!.error)).toContain('HTTP 503');
      expect(await run.ask('article 28.4')).toContain(generatedParagraph('en', 28, 4));
    } finally {
      await run.bot.stop();
    }
  }, 60_000);

  it('keeps the backoff across a restart and says in status when the next attempt is', async () => {
    server.routes.set('/down/en.pdf', (_req, res) => res.writeHead(503).end('down'));
    const first = await runBot('down.db', { prefix: '/down', retryDelaysMs: [3_600_000] });
    try {
      await vi.waitFor(() => expect(first.messages()).toContain('official text not imported yet; retrying later'));
    } finally {
      await first.bot.stop();
    }
    const second = await runBot('down.db', { prefix: '/down', retryDelaysMs: [3_600_000] });
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(requestsTo('/down/')).toBe(1);
      expect(second.output()).toContain(`English: not imported yet, 1 failed attempt at ${server.url('/down/en.pdf')} (last: download failed: fetch: GET ${server.url('/down/en.pdf')} returned HTTP 503); next attempt at`);
      expect(await second.ask('status')).toContain('Official text, English: not imported yet, 1 failed attempt');
    } finally {
      await second.bot.stop();
    }
  });

  it('requests nothing when TREATYWATCH_TREATY_TEXT is off', async () => {
    const run = await runBot('off.db', { env: { TREATYWATCH_TREATY_TEXT: 'off' }, prefix: '/never' });
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(await run.ask('article 28.4')).toContain('The official text is not imported yet');
      expect(requestsTo('/never/')).toBe(0);
    } finally {
      await run.bot.stop();
    }
  });

  it('reads a mirror instead of the UN address when one is configured', async () => {
    const run = await runBot('mirror.db', { env: { TREATYWATCH_TREATY_TEXT: server.url('/mirror/convention.html') }, prefix: '/unused' });
    try {
      await waitForLog(run.logs, 'official text imported');
      expect(run.logs.find((l) => l.msg === 'official text imported')).toMatchObject({ source: server.url('/mirror/convention.html') });
      expect(requestsTo('/unused/')).toBe(0);
      expect(await run.ask('article 28.4')).toContain(generatedParagraph('en', 28, 4));
    } finally {
      await run.bot.stop();
    }
  }, 60_000);

  it('refuses a document with a missing article and keeps the stored text', async () => {
    const run = await runBot('broken.db', { prefix: '/broken' });
    try {
      await waitForLog(run.logs, 'official text refused');
      expect(run.logs.find((l) => l.msg === 'official text refused')).toMatchObject({ level: 'warn', problems: 'missing 1 article: 40' });
      expect(await run.ask('article 28.4')).toContain('The official text is not imported yet');
    } finally {
      await run.bot.stop();
    }
    // With a text stored, an operator's import of the broken document changes nothing.
    const io = (out: { stderr: string }) => ({
      stdout: () => {}, stderr: (t: string) => void (out.stderr += t), stdin: Readable.from([]),
      env: { TREATYWATCH_DB: join(dir, 'broken.db'), LOG_LEVEL: 'silent' },
    });
    expect(await runCli(['treaty', 'import', server.url('/mirror/convention.html')], io({ stderr: '' }))).toBe(0);
    const db = openDatabase(join(dir, 'broken.db'));
    const stored = readStoredRows(db);
    db.close();
    const out = { stderr: '' };
    expect(await runCli(['treaty', 'import', server.url('/broken/en.pdf')], io(out))).toBe(1);
    expect(out.stderr).toContain('missing 1 article: 40');
    const again = openDatabase(join(dir, 'broken.db'));
    expect(readStoredRows(again)).toEqual(stored);
    again.close();
  }, 60_000);
});
