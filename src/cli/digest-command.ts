import type { CliIo } from './cli-io.js';

/** `treatywatch digest`: not built yet. */
export async function runDigest(_args: string[], io: CliIo): Promise<number> {
  io.stderr('treatywatch digest: not available yet\n');
  return 2;
}
