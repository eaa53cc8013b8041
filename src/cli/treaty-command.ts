import type { CliIo } from './cli-io.js';

/** `treatywatch treaty`: not built yet. */
export async function runTreaty(_args: string[], io: CliIo): Promise<number> {
  io.stderr('treatywatch treaty: not available yet\n');
  return 2;
}
