import { createMatrixAdapter } from '../../../adapters/matrix/index.js';
import type { ChatAdapter, CommandContext } from '../../../src/chat/chat-adapter.js';
import { textMessage } from '../../../src/chat/message.js';
import type { Config } from '../../../src/config.js';
import { silentLogger } from '../../../src/log.js';
import type { FakeHomeserver } from './fake-homeserver.js';

/** A command the bot's handler received. */
export interface ReceivedCommand {
  text: string;
  ctx: CommandContext;
}

/** A started adapter and the commands its handler saw. */
export interface RunningBot {
  adapter: ChatAdapter;
  commands: ReceivedCommand[];
}

/** Returns the Matrix config pointing at the fake, with optional overrides. */
export function fakeConfig(fake: FakeHomeserver, overrides: Partial<Config['matrix']> = {}): Config['matrix'] {
  return {
    homeserverUrl: fake.url,
    accessToken: fake.accessToken,
    userId: fake.userId,
    allowedInviters: [],
    adminUserIds: [],
    ...overrides,
  };
}

/** Starts the real adapter against the fake; its handler echoes each command with the admin flag. */
export async function startBot(fake: FakeHomeserver, overrides: Partial<Config['matrix']> = {}): Promise<RunningBot> {
  const commands: ReceivedCommand[] = [];
  const adapter = createMatrixAdapter(fakeConfig(fake, overrides), { log: silentLogger });
  await adapter.start(async (text, ctx) => {
    commands.push({ text, ctx });
    return textMessage('reply', `got "${text}" admin=${ctx.isAdmin}`);
  });
  return { adapter, commands };
}

/** Resolves once `check` returns true; fails the test after `timeoutMs`. */
export async function waitUntil(check: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves once the client has asked for /sync past everything the fake holds now (it processed it all). */
export async function waitForCaughtUp(fake: FakeHomeserver, timeoutMs = 5_000): Promise<void> {
  const target = fake.log.position();
  await waitUntil(() => fake.requests.some((r) => r.path.endsWith('/sync') && Number(r.since ?? -1) >= target), timeoutMs, 'sync to catch up');
}
