import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../adapters/console/index.js';
import { createSlackAdapter } from '../../adapters/slack/index.js';
import type { ChatAdapter } from '../../src/chat/chat-adapter.js';
import { deliverPending } from '../../src/deliver/deliver-pending.js';
import { MAX_EDITS_PER_POST } from '../../src/deliver/edit-alerts.js';
import { silentLogger } from '../../src/log.js';
import { pollSources, type PollDeps } from '../../src/poll/poll-sources.js';
import { createCommandsSeen } from '../../src/store/commands-seen-store.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { syncConfiguredSources } from '../../src/store/sources-store.js';
import { upsertSubscription } from '../../src/store/subscriptions-store.js';
import { startFakeHomeserver, type FakeHomeserver } from '../adapters/matrix/fake-homeserver.js';
import { startBot } from '../adapters/matrix/matrix-test-kit.js';
import { startFakeSlackApi, type FakeSlackApi } from '../adapters/slack/fake-slack-api.js';
import { conditionalRoute, rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const ROOM = '!alerts:fake.test';
const OLD_TITLE = 'Viet Nam ratifies the UN Convention against Cybercrime';
const NEW_TITLE = 'Viet Nam deposits ratification of the UN Convention against Cybercrime, citing Article 16';

let feed: FixtureServer;
let slackApi: FakeSlackApi;
let homeserver: FakeHomeserver;
let entries: [string, string, string][];
let db: Db;
let adapters: Map<string, ChatAdapter>;
let printed: string;
let clock: { now: number };

beforeEach(async () => {
  entries = [['e1', 'Earlier news about the cybercrime convention', 'x']];
  feed = await startFixtureServer({ '/feed.xml': conditionalRoute(() => rssFeed(entries)) });
  slackApi = await startFakeSlackApi();
  homeserver = await startFakeHomeserver();
  homeserver.createRoom(ROOM, { creator: '@alice:fake.test', botJoined: true });
  db = openDatabase(':memory:');
  clock = { now: Date.UTC(2026, 4, 5, 12) };
  syncConfiguredSources(db, [{ id: 'news', name: 'News', publisher: 'x', kind: 'feed', url: feed.url('/feed.xml'), priority: 'high' }], 'operator', 0);
  upsertSubscription(db, 'slack', 'C1', {}, 0);
  upsertSubscription(db, 'matrix', ROOM, {}, 0);
  upsertSubscription(db, 'console', 'console', {}, 0);
  printed = '';
  const slack = createSlackAdapter({ botToken: 'xoxb-fake1', appToken: null, signingSecret: 'fake-secret-1', port: 0, adminUserIds: [], apiUrl: slackApi.url }, { seen: createCommandsSeen(db, 'slack', Date.now), log: silentLogger });
  const matrix = (await startBot(homeserver)).adapter;
  const console = createConsoleAdapter({ input: process.stdin, write: (t) => (printed += t) });
  adapters = new Map([['slack', slack], ['matrix', matrix], ['console', console]]);
});

afterEach(async () => {
  await adapters.get('matrix')!.stop();
  await homeserver.close();
  await slackApi.close();
  await feed.close();
  db.close();
});

const deps = (): PollDeps => ({
  db, knowledge: KNOWLEDGE, log: silentLogger, now: () => clock.now, fetchOptions: { allowPrivateAddresses: true, timeoutMs: 3_000 },
});

async function pollAndDeliver(): Promise<void> {
  clock.now += 3_600_000;
  await pollSources(deps(), { force: true });
  for (let pass = 0; pass < 3; pass++) {
    clock.now += 2_000;
    await deliverPending({ db, adapters, log: silentLogger, now: () => clock.now });
  }
}

const calls = (method: string) => slackApi.calls.filter((c) => c.method === method);

describe('an entry that changes under the same guid', () => {
  it('updates the stored item, tags it again, and edits the posted alert in place on every platform', async () => {
    await pollAndDeliver(); // first poll: recorded, nothing posted
    entries.unshift(['e2', OLD_TITLE, 'The instrument was deposited in New York.']);
    await pollAndDeliver();
    expect(calls('chat.postMessage')).toHaveLength(1);
    const [posted] = homeserver.eventsSentByBot(ROOM);
    expect(posted!.content).toMatchObject({ body: expect.stringContaining(OLD_TITLE) });

    entries[0] = ['e2', NEW_TITLE, 'The instrument was deposited in New York; Article 16 was mentioned.'];
    await pollAndDeliver();

    const item = db.prepare(`SELECT id, title, revised_at_ms FROM items WHERE guid = 'e2'`).get() as { id: number; title: string; revised_at_ms: number | null };
    expect(item.title).toBe(NEW_TITLE);
    expect(item.revised_at_ms).not.toBeNull();
    expect(db.prepare('SELECT ref FROM item_articles WHERE item_id = ?').all(item.id)).toEqual([{ ref: '16' }]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM items').get()).toEqual({ n: 2 });

    // Slack: one chat.update of the alert's ts, and no second chat.postMessage.
    expect(calls('chat.postMessage')).toHaveLength(1);
    expect(calls('chat.update')).toHaveLength(1);
    expect(calls('chat.update')[0]!.args).toMatchObject({ channel: 'C1', ts: slackApi.history.get('C1')![0]!.ts, text: expect.stringContaining(NEW_TITLE) });
    expect(slackApi.history.get('C1')).toHaveLength(1);

    // Matrix: one m.replace pointing at the alert's event, with the new text in m.new_content.
    const events = homeserver.eventsSentByBot(ROOM);
    expect(events).toHaveLength(2);
    expect(events[1]!.content).toMatchObject({
      body: expect.stringMatching(/^\* /),
      'm.relates_to': { rel_type: 'm.replace', event_id: posted!.event_id },
      'm.new_content': { msgtype: 'm.notice', body: expect.stringContaining(NEW_TITLE) },
    });

    // Console: the new version, marked as an update.
    expect(printed).toMatch(new RegExp(`updated: \\[ALERT\\] New: ${NEW_TITLE.slice(0, 40)}`));

    // Nothing changes: nothing more is sent.
    await pollAndDeliver();
    expect(calls('chat.update')).toHaveLength(1);
    expect(homeserver.eventsSentByBot(ROOM)).toHaveLength(2);
  });

  it('rewrites an alert not yet sent instead of editing, so the first post already has the new text', async () => {
    await pollAndDeliver();
    entries.unshift(['e2', OLD_TITLE, 'x']);
    clock.now += 3_600_000;
    await pollSources(deps(), { force: true });
    entries[0] = ['e2', NEW_TITLE, 'x'];
    await pollAndDeliver();
    expect(calls('chat.postMessage')).toHaveLength(1);
    expect(calls('chat.postMessage')[0]!.args.text).toContain(NEW_TITLE);
    expect(calls('chat.update')).toHaveLength(0);
    expect(homeserver.eventsSentByBot(ROOM)).toHaveLength(1);
  });

  it(`stops editing an alert after ${MAX_EDITS_PER_POST} edits of a feed that rewrites its entry on every fetch`, async () => {
    await pollAndDeliver();
    entries.unshift(['e2', OLD_TITLE, 'version 0']);
    await pollAndDeliver();
    for (let v = 1; v <= MAX_EDITS_PER_POST + 2; v++) {
      // Each version has another length: the fixture's ETag would otherwise answer 304.
      entries[0] = ['e2', OLD_TITLE, `version ${'+'.repeat(v)}`];
      await pollAndDeliver();
    }
    expect(calls('chat.update')).toHaveLength(MAX_EDITS_PER_POST);
    expect(calls('chat.postMessage')).toHaveLength(1);
  });
});
