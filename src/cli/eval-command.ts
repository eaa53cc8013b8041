import type { CliIo } from './cli-io.js';

/** `treatywatch eval`: not built yet. */
export async function runEval(_args: string[], io: CliIo): Promise<number> {
  io.stderr('treatywatch eval: not available yet\n');
  return 2;
}
