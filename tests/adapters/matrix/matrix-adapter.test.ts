import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeHomeserver, type FakeHomeserver } from './fake-homeserver.js';
import { startBot, waitForCaughtUp, waitUntil, type RunningBot } from './matrix-test-kit.js';

const ROOM = '!policy:fake.test';
const ALICE = '@alice:fake.test';
const MOD = '@mod:fake.test';
const BOB = '@bob:other.test';

let fake: FakeHomeserver;
let bot: RunningBot | null = null;

beforeEach(async () => {
  fake = await startFakeHomeserver();
});

afterEach(async () => {
  await bot?.adapter.stop();
  bot = null;
  await fake.close();
});

const text = (body: string) => ({ msgtype: 'm.text', body });
const notices = () => fake.eventsSentByBot(ROOM).filter((e) => e.content['msgtype'] === 'm.notice');

describe('Matrix adapter commands', () => {
  it('answers a command in a joined room with an m.notice reply pointing at it', async () => {
    fake.createRoom(ROOM, { creator: ALICE, botJoined: true });
    bot = await startBot(fake);
    const command = fake.sendMessage(ROOM, ALICE, text('!article 28.4'));
    await waitUntil(() => notices().length === 1, 5_000, 'reply');
    expect(bot.commands.map((c) => c.text)).toEqual(['article 28.4']);
    expect(bot.commands[0]!.ctx).toMatchObject({ adapter: 'matrix', channel: ROOM, userId: ALICE });
    const reply = notices()[0]!.content;
    expect(reply).toMatchObject({ msgtype: 'm.notice', format: 'org.matrix.custom.html', body: 'got "article 28.4" admin=true' });
    expect(reply['m.relates_to']).toEqual({ 'm.in_reply_to': { event_id: command.event_id } });
    expect(bot.adapter.isConnected()).toBe(true);
  });

  it('passes !treaty commands without the prefix and treats a bare !treaty as help', async () => {
    fake.createRoom(ROOM, { creator: ALICE, botJoined: true });
    bot = await startBot(fake);
    fake.sendMessage(ROOM, ALICE, text('!treaty   digest today'));
    fake.sendMessage(ROOM, ALICE, text('!treaty'));
    await waitUntil(() => notices().length === 2, 5_000, 'two replies');
    expect(bot.commands.map((c) => c.text)).toEqual(['digest today', 'help']);
  });

  it('never answers a notice, its own messages, edits, emotes or ordinary chat', async () => {
    fake.createRoom(ROOM, { creator: ALICE, botJoined: true });
    bot = await startBot(fake);
    fake.sendMessage(ROOM, ALICE, { msgtype: 'm.notice', body: '!article 1' });
    fake.sendMessage(ROOM, fake.userId, text('!article 2'));
    fake.sendMessage(ROOM, ALICE, { ...text('* !article 3'), 'm.new_content': text('!article 3'), 'm.relates_to': { rel_type: 'm.replace', event_id: '$x' } });
    fake.sendMessage(ROOM, ALICE, { msgtype: 'm.emote', body: '!article 4' });
    fake.sendMessage(ROOM, ALICE, text('what does article 5 say?'));
    fake.sendMessage(ROOM, ALICE, text('!article 6'));
    await waitUntil(() => notices().length >= 1, 5_000, 'reply to the last command');
    await waitForCaughtUp(fake);
    expect(bot.commands.map((c) => c.text)).toEqual(['article 6']);
    expect(notices()).toHaveLength(1);
  });

  it('ignores commands sent before it started', async () => {
    fake.createRoom(ROOM, { creator: ALICE, botJoined: true });
    fake.sendMessage(ROOM, ALICE, text('!article 10'));
    bot = await startBot(fake);
    fake.sendMessage(ROOM, ALICE, text('!article 11'));
    await waitUntil(() => notices().length >= 1, 5_000, 'reply');
    expect(bot.commands.map((c) => c.text)).toEqual(['article 11']);
  });

  it('marks moderators and listed users as admins, and others not', async () => {
    fake.createRoom(ROOM, { creator: ALICE, members: [MOD, BOB, '@listed:fake.test'], powerLevels: { [MOD]: 50 }, botJoined: true });
    bot = await startBot(fake, { adminUserIds: ['@listed:fake.test'] });
    fake.sendMessage(ROOM, BOB, text('!treaty subscribe daily'));
    fake.sendMessage(ROOM, MOD, text('!treaty subscribe daily'));
    fake.sendMessage(ROOM, '@listed:fake.test', text('!treaty subscribe daily'));
    await waitUntil(() => bot!.commands.length === 3, 5_000, 'three commands');
    expect(bot.commands.map((c) => [c.ctx.userId, c.ctx.isAdmin])).toEqual([
      [BOB, false],
      [MOD, true],
      ['@listed:fake.test', true],
    ]);
  });
});

describe('Matrix adapter start', () => {
  it('asks the homeserver who it is when MATRIX_USER_ID is not set, and ignores its own messages', async () => {
    fake.createRoom(ROOM, { creator: ALICE, botJoined: true });
    bot = await startBot(fake, { userId: null });
    fake.sendMessage(ROOM, fake.userId, text('!article 1'));
    fake.sendMessage(ROOM, ALICE, text('!article 2'));
    await waitUntil(() => notices().length === 1, 5_000, 'reply');
    expect(fake.requests.some((r) => r.path === '/_matrix/client/v3/account/whoami')).toBe(true);
    expect(bot.commands.map((c) => c.text)).toEqual(['article 2']);
  });

  it('fails to start with a clear error when the token is refused', async () => {
    const started = startBot(fake, { accessToken: 'syt_wrong0' });
    await expect(started).rejects.toThrow(/^matrix: the homeserver refused MATRIX_ACCESS_TOKEN/);
  });

  it('fails to start when neither the URL nor the token is set', async () => {
    await expect(startBot(fake, { homeserverUrl: null })).rejects.toThrow(/MATRIX_HOMESERVER_URL/);
  });
});

describe('Matrix adapter invites', () => {
  it('joins once when an allowed user invites it twice, and answers there', async () => {
    fake.createRoom(ROOM, { creator: ALICE, members: [MOD] });
    fake.sendMessage(ROOM, ALICE, text('!article 1 (said before the bot joined)'));
    bot = await startBot(fake, { allowedInviters: [ALICE, MOD] });
    // The second invite reaches the bot while its join is still in flight.
    fake.joinDelayMs = 500;
    fake.invite(ROOM, ALICE);
    await waitUntil(() => fake.joinRequests.length === 1, 5_000, 'join request');
    fake.invite(ROOM, MOD);
    await waitForCaughtUp(fake);
    await waitUntil(() => fake.log.membership(ROOM, fake.userId)?.membership === 'join', 5_000, 'join');
    fake.sendMessage(ROOM, ALICE, text('!article 2'));
    await waitUntil(() => notices().length === 1, 5_000, 'reply');
    await waitForCaughtUp(fake);
    expect(fake.joinRequests).toEqual([ROOM]);
    expect(bot.commands.map((c) => c.text)).toEqual(['article 2']);
  });

  it('accepts every user of an allowed server', async () => {
    fake.createRoom(ROOM, { creator: ALICE });
    bot = await startBot(fake, { allowedInviters: [':fake.test'] });
    fake.invite(ROOM, ALICE);
    await waitUntil(() => fake.joinRequests.length === 1, 5_000, 'join');
    expect(fake.joinRequests).toEqual([ROOM]);
  });

  it('ignores invites from users and servers not on the list', async () => {
    fake.createRoom(ROOM, { creator: BOB });
    fake.createRoom('!other:fake.test', { creator: ALICE });
    bot = await startBot(fake, { allowedInviters: ['@carol:fake.test', ':example.org'] });
    fake.invite(ROOM, BOB);
    fake.invite('!other:fake.test', ALICE);
    await waitForCaughtUp(fake);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.joinRequests).toEqual([]);
  });

  it('joins rooms it was invited to while it was offline', async () => {
    fake.createRoom(ROOM, { creator: ALICE });
    fake.invite(ROOM, ALICE);
    bot = await startBot(fake, { allowedInviters: [ALICE] });
    await waitUntil(() => fake.joinRequests.length === 1, 5_000, 'join');
    expect(fake.joinRequests).toEqual([ROOM]);
  });
});
