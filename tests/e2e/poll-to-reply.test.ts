import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommandHandler } from '../../src/commands/create-command-handler.js';
import { composeDuePosts } from '../../src/deliver/compose-due.js';
import { deliverPending } from '../../src/deliver/deliver-pending.js';
import { renderPlainText } from '../../src/chat/render-text.js';
import { silentLogger } from '../../src/log.js';
import { startBot } from '../../src/main.js';
import { pollSources } from '../../src/poll/poll-sources.js';
import { parseSourceConfigs } from '../../src/poll/source-list.js';
import { openDatabase } from '../../src/store/db.js';
import { syncConfiguredSources } from '../../src/store/sources-store.js';
import { upsertSubscription } from '../../src/store/subscriptions-store.js';
import { createRecordingAdapter } from '../deliver/delivery-fixtures.js';
import { startFeedServer, type FeedEntry } from './feed-server.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const OLD: FeedEntry = { guid: 'old', title: 'Older convention post', text: 'Earlier commentary on the UN Convention against Cybercrime.' };
const DOC: FeedEntry = { guid: 'doc', title: 'States ratify the UN cybercrime treaty', text: 'Another state deposited its instrument of ratification of the United Nations Convention against Cybercrime.' };
const NGO: FeedEntry = { guid: 'ngo', title: 'UN Cybercrime Convention: Article 28(4) threatens encryption', text: 'The UN Convention against Cybercrime, Article 28(4), lets states compel engineers to help break into systems.' };
const CAKE: FeedEntry = { guid: 'cake', title: 'Chocolate cake recipe', text: 'Mix flour and sugar.' };

const feeds = new Map<string, FeedEntry[]>();
let server: Awaited<ReturnType<typeof startFeedServer>>;
beforeAll(async () => {
  server = await startFeedServer(feeds);
});
afterAll(() => server.close());

function sourcesJson(base: string) {
  return [
    { id: 'untc-fixture', name: 'Treaty news', publisher: 'UN', kind: 'feed', url: `${base}/official.xml`, priority: 'high' },
    { id: 'ngo-fixture', name: 'NGO feed', publisher: 'NGO', kind: 'feed', url: `${base}/ngo.xml` },
  ];
}

describe('end to end', () => {
  it('polls local feeds, classifies, alerts and digests through an adapter, then answers a command', async () => {
    feeds.set('official', [OLD]);
    feeds.set('ngo', [CAKE]);
    const db = openDatabase(':memory:');
    syncConfiguredSources(db, parseSourceConfigs(sourcesJson(server.base)), 'operator', 0);
    const sub = upsertSubscription(db, 'test', 'C1', { digestCron: '0 8 * * *', digestTimeZone: 'Europe/Berlin' }, 0);
    const adapter = createRecordingAdapter('test');
    let nowMs = Date.UTC(2026, 4, 5, 5, 0);
    const now = () => nowMs;
    const poll = () => pollSources({ knowledge: KNOWLEDGE, db, log: silentLogger, now }, { force: true });
    const deliver = () => deliverPending({ db, adapters: new Map([['test', adapter]]), log: silentLogger, now });

    expect((await poll()).map((r) => r.status)).toEqual(['first-poll', 'first-poll']);
    composeDuePosts(db, KNOWLEDGE, nowMs); // schedules the first digest: 08:00 Berlin
    await deliver();
    expect(adapter.posts).toEqual([]); // the first poll floods nobody

    feeds.set('official', [OLD, DOC]);
    feeds.set('ngo', [CAKE, NGO]);
    nowMs += 60_000;
    expect((await poll()).map((r) => r.newItems)).toEqual([1, 1]);
    await deliver();
    expect(adapter.posts.map((p) => [p.channel, p.message.kind, p.message.summary])).toEqual([['C1', 'alert', `New: ${DOC.title}`]]);

    nowMs = Date.UTC(2026, 4, 5, 6, 0); // 08:00 in Berlin (summer time)
    expect(composeDuePosts(db, KNOWLEDGE, nowMs)).toBe(1);
    nowMs += 1_000;
    await deliver();
    const digest = renderPlainText(adapter.posts[1]!.message);
    expect(adapter.posts[1]!.message.kind).toBe('digest');
    expect(digest).toContain(DOC.title);
    expect(digest).toContain(NGO.title);
    expect(digest).not.toContain(CAKE.title);
    expect(digest).not.toContain(OLD.title);
    await deliver();
    expect(adapter.posts).toHaveLength(2);

    const handle = createCommandHandler({ knowledge: KNOWLEDGE, db, log: silentLogger, now });
    const reply = renderPlainText(await handle('digest today', { adapter: 'test', channel: 'C1', userId: 'U1', isAdmin: false }));
    expect(reply).toContain(NGO.title);
    expect(reply).toMatch(/Compelled assistance/i);
  });

  it('startBot runs poll, delivery and commands with the given adapter and stops cleanly', async () => {
    feeds.set('official', [OLD]);
    feeds.set('ngo', [CAKE]);
    const dir = mkdtempSync(join(tmpdir(), 'tw-e2e-'));
    try {
      writeFileSync(join(dir, 'sources.json'), JSON.stringify(sourcesJson(server.base)));
      const adapter = createRecordingAdapter('test');
      const env = { TREATYWATCH_DB: join(dir, 'db.sqlite'), TREATYWATCH_SOURCES: join(dir, 'sources.json'), LOG_LEVEL: 'silent', TREATYWATCH_TREATY_TEXT: 'off' };
      const bot = await startBot({ env, input: new PassThrough(), write: () => {}, adapters: [adapter], pollCron: '* * * * * *' });
      upsertSubscription(bot.db, 'test', 'C1', {}, Date.now());
      const waitFor = async (check: () => boolean) => {
        for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
        expect(check()).toBe(true);
      };
      await waitFor(() => (bot.db.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number }).n === 2);
      feeds.set('official', [OLD, DOC]);
      bot.db.prepare('UPDATE sources SET next_check_at_ms = 0').run(); // due now rather than in 30 minutes
      await waitFor(() => adapter.posts.length === 1);
      expect(adapter.posts[0]!.message.summary).toBe(`New: ${DOC.title}`);
      const reply = await adapter.handler!('status', { adapter: 'test', channel: 'C1', userId: 'U1', isAdmin: false });
      expect(renderPlainText(reply)).toMatch(/No treaty-status source is configured/);
      await bot.stop();
      await bot.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
