import type { CliIo } from './cli-io.js';

/** `treatywatch search`: not built yet. */
export async function runSearch(_args: string[], io: CliIo): Promise<number> {
  io.stderr('treatywatch search: not available yet\n');
  return 2;
}
