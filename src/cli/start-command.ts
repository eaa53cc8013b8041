import { startBot } from '../main.js';
import type { CliIo } from './cli-io.js';

/** `treatywatch start`: runs the bot until Ctrl-D (console), SIGINT or SIGTERM; returns the exit code. */
export async function runStart(args: string[], io: CliIo): Promise<number> {
  if (args.length > 0) {
    io.stderr('Usage: treatywatch start (configuration comes from the environment and .env)\n');
    return 2;
  }
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
