import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** The project's root folder. */
export const ROOT = join(import.meta.dirname, '..', '..');

/** A compiled copy of the command-line program, and how to remove it. */
export interface BuiltBot {
  /** The compiled `src/cli.js`, to run with `node`. */
  cli: string;
  dir: string;
  remove(): void;
}

/**
 * Compiles `src/cli.ts` and everything it loads into a temporary folder inside the project (so the
 * program finds package.json, knowledge/ and node_modules as an installed copy does). Types are
 * the typecheck's job: this only emits, so it stays quick.
 */
export function buildBot(): BuiltBot {
  mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'tw-bot-'));
  const result = spawnSync(process.execPath, [
    join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), join(ROOT, 'src', 'cli.ts'),
    '--outDir', dir, '--rootDir', ROOT, '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022',
    '--skipLibCheck', '--types', 'node', '--noCheck', '--noEmitOnError', 'false',
  ], { encoding: 'utf8', timeout: 120_000 });
  const cli = join(dir, 'src', 'cli.js');
  if (!existsSync(cli)) throw new Error(`the bot did not compile: ${result.stdout}${result.stderr}`);
  return { cli, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
