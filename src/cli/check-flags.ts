import { parseArgs } from 'node:util';
import { didYouMean } from '../commands/suggest-name.js';

/** The flags a subcommand takes: `--json` is a switch, `--since 3d` takes a value. */
export type FlagSpec = Readonly<Record<string, 'boolean' | 'string'>>;

/**
 * Returns why a command line's flags are wrong (an unknown flag, with the closest known one; a
 * value missing or given to a switch), or null when they are fine. Parsing is node's own, strict.
 */
export function checkFlags(args: readonly string[], spec: FlagSpec): string | null {
  const options = Object.fromEntries(Object.entries(spec).map(([name, type]) => [name, { type }]));
  try {
    parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
    return null;
  } catch (err) {
    const code = (err as { code?: string }).code;
    const flag = /'(-{1,2}[^'\s=]+)/.exec((err as Error).message)?.[1] ?? '';
    const known = Object.keys(spec);
    const list = known.length === 0 ? 'it takes no flags' : `its flags: ${known.map((k) => `--${k}`).join(', ')}`;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      return `unknown flag "${flag}".${didYouMean(flag.replace(/^-+/, ''), known, (n) => `--${n}`)} (${list})`;
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = /--([a-z][a-z0-9-]*)/.exec((err as Error).message)?.[1] ?? flag;
      return spec[name] === 'string' ? `--${name} needs a value` : `--${name} takes no value`;
    }
    return (err as Error).message;
  }
}
