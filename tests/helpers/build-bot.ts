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

/** A program compiled from the project's TypeScript, and how to remove it. */
export interface CompiledProgram {
  /** The compiled entry file, to run with `node`. */
  entry: string;
  dir: string;
  remove(): void;
}

/**
 * Compiles one entry file (a path relative to the project root) and everything it loads into a
 * temporary folder inside the project, so the program finds package.json, knowledge/ and
 * node_modules as an installed copy does. Types are the typecheck's job: this only emits.
 */
export function compileProgram(entryFromRoot: string, folderPrefix: string): CompiledProgram {
  mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'node_modules', '.cache', folderPrefix));
  const result = spawnSync(process.execPath, [
    join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), join(ROOT, entryFromRoot),
    '--outDir', dir, '--rootDir', ROOT, '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022',
    '--skipLibCheck', '--types', 'node', '--noCheck', '--noEmitOnError', 'false',
  ], { encoding: 'utf8', timeout: 120_000 });
  const entry = join(dir, entryFromRoot.replace(/\.ts$/, '.js'));
  if (!existsSync(entry)) throw new Error(`${entryFromRoot} did not compile: ${result.stdout}${result.stderr}`);
  return { entry, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Compiles `src/cli.ts`, the command-line program. */
export function buildBot(): BuiltBot {
  const program = compileProgram('src/cli.ts', 'tw-bot-');
  return { cli: program.entry, dir: program.dir, remove: program.remove };
}
