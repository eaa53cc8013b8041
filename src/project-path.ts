import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** Returns the absolute path of a file shipped with the project (data files such as `knowledge/`). */
export function projectPath(...parts: string[]): string {
  root ??= findRoot();
  return join(root, ...parts);
}

// The same code runs from `src/` (tests) and from `dist/src/` (built), so walk up to package.json.
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('project: package.json not found above ' + dir);
    dir = parent;
  }
}
