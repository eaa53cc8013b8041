import { setFlagsFromString } from 'node:v8';
import { startBot } from '../main.js';
import type { CliIo } from './cli-io.js';

/**
 * Memory over speed for the long-running bot, set when it starts (V8 reads both flags as it goes):
 * - V8 doubles its young generation whenever enough objects survive, up to 32 MiB, and a poll's
 *   bursts reach that quickly; the growth factor 1 keeps it at its starting size, at the cost of
 *   more frequent, shorter minor collections;
 * - `--optimize-for-size` makes the old generation grow less before it is collected.
 * Together they take about a fifth off the peak of a first poll of 200 feeds and a 5 MiB feed, for
 * a few per cent more time polling.
 */
const MEMORY_FLAGS = '--semi-space-growth-factor=1 --optimize-for-size';

/** `treatywatch start`: runs the bot until Ctrl-D (console), SIGINT or SIGTERM; returns the exit code. */
export async function runStart(args: string[], io: CliIo): Promise<number> {
  if (args.length > 0) {
    io.stderr('Usage: treatywatch start (configuration comes from the environment and .env)\n');
    return 2;
  }
  setFlagsFromString(MEMORY_FLAGS);
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
