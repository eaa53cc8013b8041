import { setFlagsFromString } from 'node:v8';
import { startBot } from '../main.js';
import type { CliIo } from './cli-io.js';

/**
 * V8 doubles its young generation whenever enough objects survive, up to 32 MiB, and a poll's
 * bursts reach that quickly; it would then be the largest part of the bot's memory. Keeping it at
 * its starting size costs more frequent (and shorter) minor collections. V8 reads this flag each
 * time it would grow the space, so setting it at start takes effect.
 */
const YOUNG_GENERATION_FLAG = '--semi-space-growth-factor=1';

/** `treatywatch start`: runs the bot until Ctrl-D (console), SIGINT or SIGTERM; returns the exit code. */
export async function runStart(args: string[], io: CliIo): Promise<number> {
  if (args.length > 0) {
    io.stderr('Usage: treatywatch start (configuration comes from the environment and .env)\n');
    return 2;
  }
  setFlagsFromString(YOUNG_GENERATION_FLAG);
  const bot = await startBot({ env: io.env, input: io.stdin, write: io.stdout, logWrite: (line) => io.stderr(line + '\n') });
  const signalled = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await Promise.race([bot.closed, signalled]);
  await bot.stop();
  // stdin (and node-cron) would keep the process alive after a signal.
  if ('pause' in io.stdin && typeof io.stdin.pause === 'function') io.stdin.pause();
  return bot.exitCode();
}
