import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');

/**
 * The layers, bottom first, in the order of the flow. A folder (or top-level file) may import only
 * itself and the layers below it; the README's Layout section lists the same order.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['src/domain', 'src/project-path', 'src/log', 'src/chat'],
  ['src/knowledge'],
  ['src/fetch'],
  ['src/parse'],
  ['src/store'],
  ['src/treaty'],
  ['src/refs'],
  ['src/classify'],
  ['src/deliver'],
  ['src/enrich'],
  ['src/poll'],
  ['src/commands'],
  ['src/ops'],
  ['src/web'],
  ['src/config'],
  ['adapters'],
  ['src/main'],
  ['src/cli'],
];

/** Returns the layer unit of a path from the project root: "src/poll", "src/config", "adapters". */
function unitOf(path: string): string {
  const parts = path.replace(/\.(js|ts)$/, '').split('/');
  return parts[0] === 'adapters' ? 'adapters' : parts.slice(0, 2).join('/');
}

function rankOf(unit: string): number {
  return LAYERS.findIndex((layer) => layer.includes(unit));
}

/** Returns the relative import paths of a source text: static imports, re-exports and dynamic imports. */
function readImports(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]/gm)) found.push(m[1]!);
  for (const m of source.matchAll(/^\s*import\s*['"](\.{1,2}\/[^'"]+)['"]/gm)) found.push(m[1]!);
  for (const m of source.matchAll(/\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) found.push(m[1]!);
  return found;
}

/** Returns "file -> target" for every import of `file` (a path from the root) that reaches a layer not below its own. */
function findLayerBreaks(file: string, source: string): string[] {
  const from = unitOf(file);
  const breaks: string[] = [];
  for (const spec of readImports(source)) {
    const target = relative(ROOT, resolve(ROOT, dirname(file), spec));
    const to = unitOf(target);
    if (to === from) continue;
    if (rankOf(from) < 0 || rankOf(to) < 0 || rankOf(to) >= rankOf(from)) breaks.push(`${file} -> ${target}`);
  }
  return breaks;
}

function listSourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return listSourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

describe('layering', () => {
  it('places every folder of src/ and adapters/ on a layer', () => {
    const units = new Set([...listSourceFiles('src'), ...listSourceFiles('adapters')].map(unitOf));
    expect([...units].filter((u) => rankOf(u) < 0)).toEqual([]);
  });

  it('has no import from a folder to one on its own layer or above', () => {
    const files = [...listSourceFiles('src'), ...listSourceFiles('adapters')];
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap((f) => findLayerBreaks(f, readFileSync(join(ROOT, f), 'utf8')))).toEqual([]);
  });

  it('catches imports that run upward, sideways or to an unknown folder', () => {
    const cases: [string, string, number][] = [
      ['src/store/items-store.ts', "import { tagAndRoute } from '../poll/tag-and-route.js';", 1],
      ['src/store/items-store.ts', "export { x } from '../classify/x.js';", 1],
      ['src/refs/scan.ts', "const m = await import('../classify/x.js');", 1],
      ['src/chat/message.ts', "import type { Item } from '../domain.js';", 1],
      ['src/poll/x.ts', "import {\n  a,\n  b,\n} from '../tools/y.js';", 1],
      ['src/poll/x.ts', "import { a } from '../store/db.js';\nimport { b } from './dedupe-key.js';\nimport { c } from 'node:fs';", 0],
      ['adapters/slack/x.ts', "import type { Config } from '../../src/config.js';", 0],
    ];
    for (const [file, source, breaks] of cases) expect(findLayerBreaks(file, source), source).toHaveLength(breaks);
  });
});
