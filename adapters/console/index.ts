/**
 * The console adapter: the bot in a terminal, no account needed. Reads command lines from `input`
 * (the same text Slack and Matrix users type after the prefix), prints replies, digests and alerts
 * as plain text. The person at the terminal is the admin of the one channel, "console".
 */
import { createInterface, type Interface } from 'node:readline';
import type { ChatAdapter, CommandContext, CommandHandler, PostReceipt } from '../../src/chat/chat-adapter.js';
import type { Message } from '../../src/chat/message.js';
import { neutraliseTerminalText } from '../../src/chat/neutralise-text.js';
import { renderPlainText } from '../../src/chat/render-text.js';

/** The channel id the console posts to and answers in. */
export const CONSOLE_CHANNEL = 'console';
const PROMPT = 'treatywatch> ';
const BANNER = 'treatywatch: following the UN Convention against Cybercrime. Type "help" for commands, Ctrl-D to quit.';

/** Returns the console ChatAdapter; `onClose` runs once when the input ends (Ctrl-D). */
export function createConsoleAdapter(opts: {
  input: NodeJS.ReadableStream;
  write: (text: string) => void;
  channel?: string;
  onClose?: () => void;
}): ChatAdapter {
  const channel = opts.channel ?? CONSOLE_CHANNEL;
  const ctx: CommandContext = { adapter: 'console', channel, userId: 'console', isAdmin: true };
  let rl: Interface | null = null;
  let lines = 0;
  let queue: Promise<void> = Promise.resolve();
  // A post is identified by its key, so a resend within one run is printed once.
  const printed = new Map<string, string>();

  const print = (text: string) => {
    lines++;
    // Feed text must not move the cursor, clear the screen or retitle the window.
    const safe = neutraliseTerminalText(text);
    opts.write(safe.endsWith('\n') ? safe : safe + '\n');
  };

  return {
    name: 'console',
    async start(onCommand: CommandHandler) {
      if (rl) throw new Error('console: adapter already started');
      rl = createInterface({ input: opts.input, terminal: false });
      print(BANNER);
      opts.write(PROMPT);
      rl.on('line', (line) => {
        // Answer one command at a time so replies come out in the order they were typed.
        queue = queue.then(async () => {
          if (line.trim() !== '') print(renderPlainText(await onCommand(line, ctx)));
          opts.write(PROMPT);
        });
      });
      rl.on('close', () => {
        rl = null;
        void queue.then(() => opts.onClose?.());
      });
    },
    async post(target: string, message: Message, post: { idempotencyKey: string; resend?: boolean }): Promise<PostReceipt> {
      const done = printed.get(post.idempotencyKey);
      if (done !== undefined) return { platformId: done };
      print(`\n${renderHeader(message, target, channel)}\n${renderPlainText(message)}`);
      // A terminal shows no pictures: say where the file is.
      if (message.image) print(`[picture] ${message.image.title}: ${message.image.path}`);
      const platformId = String(lines);
      printed.set(post.idempotencyKey, platformId);
      if (rl) opts.write(PROMPT);
      return { platformId };
    },
    async edit(target: string, platformId: string, message: Message, post: { idempotencyKey: string }): Promise<PostReceipt> {
      if (printed.has(post.idempotencyKey)) return { platformId };
      // A terminal cannot change a line already printed: the new version follows, marked as such.
      print(`\nupdated: ${renderHeader(message, target, channel)}\n${renderPlainText(message)}`);
      printed.set(post.idempotencyKey, platformId);
      if (rl) opts.write(PROMPT);
      return { platformId };
    },
    async stop() {
      const open = rl;
      rl = null;
      open?.close();
      await queue;
    },
    isConnected: () => rl !== null,
  };
}

function renderHeader(message: Message, target: string, channel: string): string {
  const label = message.kind === 'alert' ? 'ALERT' : message.kind === 'digest' ? 'DIGEST' : message.kind === 'wrap-up' ? 'WRAP-UP' : 'POST';
  return `[${label}${target !== channel ? ` to ${target}` : ''}] ${message.summary}`;
}
