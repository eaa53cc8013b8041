import type { CliIo } from './cli-io.js';

/** `treatywatch start`: not built yet. */
export async function runStart(_args: string[], io: CliIo): Promise<number> {
  io.stderr('treatywatch start: not available yet\n');
  return 2;
}
