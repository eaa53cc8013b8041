import type { CliIo } from './cli-io.js';

/** `treatywatch classify`: not built yet. */
export async function runClassify(_args: string[], io: CliIo): Promise<number> {
  io.stderr('treatywatch classify: not available yet\n');
  return 2;
}
