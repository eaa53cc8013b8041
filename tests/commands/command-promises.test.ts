import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/chat/chat-adapter.js';
import { renderPlainText } from '../../src/chat/render-text.js';
import { createCommandHandler } from '../../src/commands/create-command-handler.js';
import { parseDigestPeriod } from '../../src/commands/parse-digest-period.js';
import { suggestName } from '../../src/commands/suggest-name.js';
import { silentLogger } from '../../src/log.js';
import { openDatabase } from '../../src/store/db.js';
import { insertSource } from '../../src/store/sources-store.js';
import { seedItem } from '../deliver/delivery-fixtures.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const admin: CommandContext = { adapter: 'console', channel: 'console', userId: 'me', isAdmin: true };
const NOW_MS = Date.UTC(2026, 4, 5, 12);

function setup() {
  const db = openDatabase(':memory:');
  insertSource(db, { id: 'eff', name: 'EFF', publisher: 'EFF', kind: 'feed', url: 'https://www.eff.org/rss' }, 'builtin', 0);
  const handle = createCommandHandler({ knowledge: KNOWLEDGE, db, log: silentLogger, now: () => NOW_MS });
  const ask = async (text: string) => {
    const m = await handle(text, admin);
    return { kind: m.kind, text: renderPlainText(m) };
  };
  return { db, ask };
}

describe('commands keep their promises', () => {
  it.each([
    ['subscribe source nope', /"nope" is not one of our sources\. "sources" lists them\./],
    ['subscribe source ef', /"ef" is not one of our sources\. Did you mean "eff"\?/],
    ['subscribe digest cron 0 0 30 2 *', /"0 0 30 2 \*" never fires: February has at most 29 days, and day 30 never comes/],
    ['subscribe digest cron 0 8 31 4,6 *', /never fires: April, June have at most 30 days, and day 31 never comes/],
    ['subscribe concern survelance', /"survelance" is not a concern id\. Did you mean "surveillance"\?/],
    ['subscribe article 99', /"99" is not an article/],
    ['artcle 28.4', /^Unknown command "artcle"\. Did you mean "article 28\.4"\? "help" lists the commands\.$/],
    ['stauts', /Did you mean "status"\?/],
    ['help foo', /^Unknown command "foo"\. "help" lists the commands\.$/],
    ['help artcle', /Did you mean "article"\?/],
    ['digest since 5x', /"since 5x" is not a period I know\. .*m minutes, h hours, d days, w weeks, mo months, y years; 1 to 9999/],
    ['digest since 2030-01-01', /2030-01-01 is in the future/],
    ['digest since 2025-02-30', /"2025-02-30" is not a date/],
  ])('refuses "%s" and says why', async (text, pattern) => {
    const reply = await setup().ask(text);
    expect(reply.kind).toBe('error');
    expect(reply.text).toMatch(pattern);
  });

  it('accepts a source filter naming a source we follow, and a cron that fires only in leap years', async () => {
    const { ask } = setup();
    expect((await ask('subscribe source eff')).text).toMatch(/Sources: eff/);
    expect((await ask('subscribe digest cron 0 8 29 2 *')).text).toMatch(/next 2028-02-29 08:00/);
  });

  it('shows only the asked command on "help <command>"', async () => {
    const { text } = await setup().ask('help digest');
    expect(text).toMatch(/digest \[today\|week\|all/);
    expect(text).not.toMatch(/subscribe|article <ref>/);
  });

  it.each([
    ['digest since 400d', 'Digest for the last 400 days'],
    ['digest since 2y', 'Digest for the last 2 years'],
    ['digest since 2024-08-08', 'Digest since 2024-08-08'],
    ['digest all', 'Digest for all time'],
  ])('reads "%s" as a window reaching back to old items', async (text, title) => {
    const { db, ask } = setup();
    seedItem(db, { title: 'Adopted by the General Assembly', publishedAtMs: Date.UTC(2025, 5, 1) });
    const reply = await ask(text);
    expect(reply.kind).toBe('reply');
    expect(reply.text).toContain(title);
    expect(reply.text).toContain('Adopted by the General Assembly');
  });
});

describe('parseDigestPeriod', () => {
  it.each([
    ['since 2y', Date.UTC(2024, 4, 5, 12)],
    ['since 1 month', Date.UTC(2026, 3, 5, 12)],
    ['3d', NOW_MS - 3 * 86_400_000],
    ['--since 90m', NOW_MS - 90 * 60_000],
    ['since 2024-08-08', Date.UTC(2024, 7, 8)],
    ['all', 0],
  ])('reads "%s"', (text, sinceMs) => {
    expect(parseDigestPeriod(text, NOW_MS, 'UTC')).toMatchObject({ ok: true, sinceMs });
  });

  it('clamps a month back to the end of a shorter month', () => {
    expect(parseDigestPeriod('since 1mo', Date.UTC(2026, 2, 31), 'UTC')).toMatchObject({ sinceMs: Date.UTC(2026, 1, 28) });
  });

  it('starts a date at midnight in the channel time zone', () => {
    expect(parseDigestPeriod('since 2026-05-01', NOW_MS, 'Europe/Berlin')).toMatchObject({ sinceMs: Date.UTC(2026, 3, 30, 22) });
  });
});

describe('suggestName', () => {
  it.each([
    ['artcle', 'article'],
    ['sources', 'sources'],
    ['sesion', 'session'],
    ['stauts', 'status'],
    ['jsn', 'json'],
    ['foo', null],
    ['xyzzy', null],
  ])('suggests for "%s": %s', (typed, expected) => {
    expect(suggestName(typed, ['article', 'search', 'session', 'sources', 'source', 'status', 'json', 'digest'])).toBe(expected);
  });
});
