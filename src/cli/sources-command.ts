import type { CliIo } from './cli-io.js';

/** `treatywatch sources`: not built yet. */
export async function runSources(_args: string[], io: CliIo): Promise<number> {
  io.stderr('treatywatch sources: not available yet\n');
  return 2;
}
