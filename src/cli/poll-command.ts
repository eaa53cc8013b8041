import type { CliIo } from './cli-io.js';

/** `treatywatch poll`: not built yet. */
export async function runPoll(_args: string[], io: CliIo): Promise<number> {
  io.stderr('treatywatch poll: not available yet\n');
  return 2;
}
