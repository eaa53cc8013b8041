import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedUrlCheck } from '../../src/commands/answer-sources.js';
import { createCommandHandler } from '../../src/commands/create-command-handler.js';
import type { CommandContext } from '../../src/chat/chat-adapter.js';
import { renderPlainText } from '../../src/chat/render-text.js';
import { silentLogger } from '../../src/log.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { insertNewItems } from '../../src/store/items-store.js';
import { getSource, insertSource, listSources, recordFetchFailure, recordFetchSuccess } from '../../src/store/sources-store.js';
import { seedItem } from '../deliver/delivery-fixtures.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const admin: CommandContext = { adapter: 'console', channel: 'console', userId: 'me', isAdmin: true };
const user: CommandContext = { ...admin, userId: 'you', isAdmin: false };
const NOW_MS = Date.UTC(2026, 4, 5, 12);

const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>Cybercrime convention: first ratifications</title><link>https://example.org/a</link><guid>a</guid></item>
</channel></rss>`;
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/feed.xml') res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);
    else res.writeHead(200, { 'content-type': 'text/plain' }).end('not a feed');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function setup(): { db: Db; ask: (text: string, ctx?: CommandContext) => Promise<{ kind: string; text: string }> } {
  const db = openDatabase(':memory:');
  const handle = createCommandHandler({ knowledge: KNOWLEDGE, db, log: silentLogger, now: () => NOW_MS, checkFeedUrl: createFeedUrlCheck({ allowPrivateAddresses: true, timeoutMs: 5_000 }) });
  return { db, ask: async (text, ctx = admin) => { const m = await handle(text, ctx); return { kind: m.kind, text: renderPlainText(m) }; } };
}

describe('createCommandHandler', () => {
  it.each([
    ['help', 'reply', /article <ref> \[zero\|final\]/],
    ['', 'reply', /digest \[today\|week\|all\|since 3d\|since 2024-08-08\]/],
    ['help subscribe', 'reply', /digest weekly mon 09:00/],
    ['/treaty help', 'reply', /status/],
    ['article 28.4', 'reply', /Article 28/],
    ['article 99', 'error', /Usage: article <ref>/],
    ['article', 'error', /Usage: article/],
    ['search', 'error', /Usage: search <words>/],
    ['concern', 'reply', /compelled-assistance — /],
    ['concern surveillance', 'reply', /surveillance/i],
    ['concern privacy', 'error', /not a concern id/],
    ['digest', 'reply', /Nothing new since 2026-05-05/],
    ['digest since 3d', 'reply', /Nothing new since 2026-05-02/],
    ['digest yesterday-ish', 'error', /Usage: digest/],
    ['digest since 0d', 'error', /out of range: the number goes from 1 to 9999/],
    ['settings', 'reply', /not subscribed/],
    ['settings now', 'error', /takes no arguments/],
    ['session', 'reply', /Next session|In session|No session/],
    ['status', 'reply', /No treaty-status source is configured/],
    ['status nope', 'error', /only "status states"/],
    ['sources', 'reply', /No sources yet/],
    ['source', 'error', /Usage: source add <url>/],
    ['source add ftp://example.org/feed', 'error', /Only http and https/],
    ['source add not-a-url', 'error', /not a URL/],
    ['source remove nope', 'error', /No source "nope"/],
    ['frobnicate', 'error', /^Unknown command "frobnicate"\. "help" lists the commands\.$/],
    ['x'.repeat(2000), 'error', /too long/],
  ])('answers "%s"', async (text, kind, pattern) => {
    const reply = await setup().ask(text);
    expect(reply.kind).toBe(kind);
    expect(reply.text).toMatch(pattern);
  });

  it.each(['subscribe', 'unsubscribe', 'source add https://example.org/feed', 'source remove eff'])('refuses "%s" to non-admins politely', async (text) => {
    const reply = await setup().ask(text, user);
    expect(reply).toEqual({ kind: 'error', text: expect.stringMatching(/^Only admins can use/) });
  });

  it('subscribes, shows the settings, and unsubscribes', async () => {
    const { ask } = setup();
    const subscribed = await ask('subscribe digest daily 08:00 Europe/Berlin; session on; concern surveillance');
    expect(subscribed.text).toMatch(/Digest: daily at 08:00 \(Europe\/Berlin\), next 2026-05-06 08:00/);
    expect(subscribed.text).toMatch(/Concerns: Real-time surveillance|Concerns: .*surveillance/i);
    expect((await ask('settings', user)).text).toMatch(/Session weeks: on/);
    expect((await ask('subscribe digest at noon')).kind).toBe('error');
    expect((await ask('unsubscribe')).text).toMatch(/^Unsubscribed/);
    expect((await ask('unsubscribe')).text).toMatch(/was not subscribed/);
  });

  it('lists the relevant items of the period, filtered by the channel subscription', async () => {
    const { db, ask } = setup();
    seedItem(db, { title: 'Surveillance piece', concerns: ['surveillance'], publishedAtMs: NOW_MS - 3_600_000 });
    seedItem(db, { title: 'Scope piece', concerns: ['scope'], publishedAtMs: NOW_MS - 3_600_000 });
    seedItem(db, { title: 'Old piece', concerns: ['surveillance'], publishedAtMs: NOW_MS - 10 * 86_400_000 });
    seedItem(db, { title: 'Off-topic piece', relevant: false, publishedAtMs: NOW_MS - 3_600_000 });
    const all = (await ask('digest today')).text;
    expect(all).toMatch(/Surveillance piece[\s\S]*Scope piece|Scope piece[\s\S]*Surveillance piece/);
    expect(all).not.toMatch(/Old piece|Off-topic/);
    await ask('subscribe concern surveillance');
    const filtered = (await ask('digest week')).text;
    expect(filtered).toContain('Surveillance piece');
    expect(filtered).not.toContain('Scope piece');
  });

  it('counts signatures and ratifications from the treaty record', async () => {
    const { db, ask } = setup();
    insertSource(db, { id: 'untc', name: 'UNTC', publisher: 'UN', kind: 'treaty-status', url: 'https://treaties.un.org/x' }, 'builtin', 0);
    const acts = [['Viet Nam', 'signature'], ['France', 'signature'], ['Viet Nam', 'ratification']] as const;
    insertNewItems(db, 'untc', acts.map(([p, a], i) => ({
      item: { guid: `${p}:${a}`, url: null, title: `${p} ${a}`, summary: '', text: '', author: null, publishedAtMs: null, kind: a, extra: { participant: p, action: a, date: `2026-0${i + 1}-10` } },
      key: `${p}:${a}`, canonicalUrl: null, contentHash: `${i}`,
    })), { deliverable: true, fetchedAtMs: 0 });
    recordFetchSuccess(db, 'untc', { nowMs: NOW_MS - 3_600_000, nextCheckAtMs: NOW_MS + 3_600_000, httpStatus: 200, status: 'new', newItems: 3, etag: null, lastModified: 'Mon, 04 May 2026 09:30:00 GMT' });
    const text = (await ask('status')).text;
    expect(text).toMatch(/Signatories: 2/);
    expect(text).toMatch(/Parties: 1 of the 40 needed/);
    expect(text).toMatch(/UNTC: record as of 2026-05-04 09:30 UTC \(last read 2026-05-05 11:00 UTC\)/);
    expect(text).toMatch(/39 more ratifications needed/);
    expect(text).toMatch(/Latest: Viet Nam: ratification, 2026-03-10/);
  });

  it('says when the treaty record was never read, instead of counting zero', async () => {
    const { db, ask } = setup();
    insertSource(db, { id: 'untc', name: 'UNTC', publisher: 'UN', kind: 'treaty-status', url: 'https://treaties.un.org/x' }, 'builtin', 0);
    const never = (await ask('status')).text;
    expect(never).toMatch(/UNTC: never polled; next attempt at 2026-05-05 12:00 UTC\./);
    expect(never).not.toMatch(/Signatories|of 40/);
    recordFetchFailure(db, 'untc', { nowMs: NOW_MS - 60_000, nextCheckAtMs: NOW_MS + 120_000, httpStatus: null, error: 'fetch: GET https://treaties.un.org/x failed: ENOTFOUND' });
    expect((await ask('status')).text).toMatch(/UNTC: not read yet \(1 failed attempt, last: fetch: GET .* failed: ENOTFOUND\); next attempt at 2026-05-05 12:02 UTC\./);
  });

  it('lists every state with its actions and dates on "status states"', async () => {
    const { db, ask } = setup();
    insertSource(db, { id: 'untc', name: 'UNTC', publisher: 'UN', kind: 'treaty-status', url: 'https://treaties.un.org/x' }, 'builtin', 0);
    const acts = [['Viet Nam', 'signature', '2025-10-25'], ['Ghana', 'accession', '2026-01-19'], ['Viet Nam', 'ratification', '2026-03-10']] as const;
    insertNewItems(db, 'untc', acts.map(([p, a, date], i) => ({
      item: { guid: `${p}:${a}`, url: null, title: `${p} ${a}`, summary: '', text: '', author: null, publishedAtMs: null, kind: a === 'signature' ? 'signature' : 'ratification', extra: { participant: p, action: a, date } },
      key: `${p}:${a}`, canonicalUrl: null, contentHash: `${i}`,
    })), { deliverable: true, fetchedAtMs: 0 });
    recordFetchSuccess(db, 'untc', { nowMs: NOW_MS, nextCheckAtMs: NOW_MS + 3_600_000, httpStatus: 200, status: 'new', newItems: 3, etag: null, lastModified: null });
    const text = (await ask('status states')).text;
    expect(text).toMatch(/Signatories: 1\nParties: 2 of the 40/);
    expect(text).toMatch(/UNTC: record as read on 2026-05-05 12:00 UTC\./);
    expect(text).toMatch(/States \(2\)[\s\S]*• Ghana — accession 2026-01-19\n  • Viet Nam — signature 2025-10-25; ratification 2026-03-10/);
  });

  it('adds a feed only after fetching and parsing it, and removes it', async () => {
    const { db, ask } = setup();
    const refused = await ask(`source add ${base}/page.txt`);
    expect(refused.text).toMatch(/^Not added: parse:/);
    expect(listSources(db)).toHaveLength(0);
    const added = await ask(`source add ${base}/feed.xml`);
    expect(added.text).toMatch(/^Added user-127-0-0-1: 1 entries found/);
    expect(getSource(db, 'user-127-0-0-1')).toMatchObject({ origin: 'user', kind: 'feed', url: `${base}/feed.xml` });
    expect((await ask(`source add ${base}/feed.xml`)).text).toMatch(/already followed/);
    expect((await ask('sources')).text).toMatch(/user-127-0-0-1/);
    expect((await ask('source remove user-127-0-0-1')).text).toMatch(/^Removed user-127-0-0-1/);
  });

  it('blocks a private address when the SSRF guard is on', async () => {
    const db = openDatabase(':memory:');
    const handle = createCommandHandler({ knowledge: KNOWLEDGE, db, log: silentLogger, now: () => NOW_MS, checkFeedUrl: createFeedUrlCheck({ timeoutMs: 5_000 }) });
    const reply = renderPlainText(await handle(`source add ${base}/feed.xml`, admin));
    expect(reply).toMatch(/^Not added: fetch: /);
    expect(listSources(db)).toHaveLength(0);
  });

  it('turns an unexpected failure into a short error and logs the cause', async () => {
    const db = openDatabase(':memory:');
    const lines: string[] = [];
    const log = { ...silentLogger, error: (msg: string, f?: Record<string, unknown>) => void lines.push(`${msg} ${String(f?.['error'])}`) };
    const handle = createCommandHandler({ knowledge: KNOWLEDGE, db, log, now: () => NOW_MS });
    db.close();
    const reply = await handle('settings', admin);
    expect(reply.kind).toBe('error');
    expect(renderPlainText(reply)).toMatch(/"settings" failed; the error has been logged/);
    expect(lines[0]).toMatch(/^command failed /);
  });
});
