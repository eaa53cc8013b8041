import type { CliIo } from './cli-io.js';

/** `treatywatch article`: not built yet. */
export async function runArticle(_args: string[], io: CliIo): Promise<number> {
  io.stderr('treatywatch article: not available yet\n');
  return 2;
}
