import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeHomeserver, type FakeHomeserver } from './fake-homeserver.js';
import { startBot, waitUntil, type RunningBot } from './matrix-test-kit.js';

const ROOM = '!policy:fake.test';
const ALICE = '@alice:fake.test';
const OUTAGE_MS = 3_000;

let fake: FakeHomeserver;
let bot: RunningBot;

beforeEach(async () => {
  fake = await startFakeHomeserver();
  fake.createRoom(ROOM, { creator: ALICE, botJoined: true });
  bot = await startBot(fake);
});

afterEach(async () => {
  await bot.adapter.stop();
  await fake.close();
});

describe('Matrix adapter during a homeserver outage', () => {
  it.each(['reset', 'server-error'] as const)(
    'backs off while the homeserver is down (%s) and answers again once it is back',
    async (mode) => {
      fake.setOutage(mode);
      const outageStartMs = Date.now();
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      const duringOutage = fake.requests.filter((r) => r.atMs >= outageStartMs).length;
      fake.setOutage(null);
      // The SDK waits seconds between checks; a tight loop would make hundreds of requests here.
      expect(duringOutage).toBeLessThanOrEqual(4);

      fake.sendMessage(ROOM, ALICE, { msgtype: 'm.text', body: '!article 24' });
      await waitUntil(() => bot.commands.length === 1, 20_000, 'a command after the outage');
      expect(bot.commands[0]!.text).toBe('article 24');
      await waitUntil(() => bot.adapter.isConnected(), 5_000, 'connected again');
    },
    30_000,
  );
});
