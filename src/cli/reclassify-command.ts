import type { CliIo } from './cli-io.js';

/** `treatywatch reclassify`: not built yet. */
export async function runReclassify(_args: string[], io: CliIo): Promise<number> {
  io.stderr('treatywatch reclassify: not available yet\n');
  return 2;
}
