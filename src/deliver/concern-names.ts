import { readFileSync } from 'node:fs';
import { projectPath } from '../project-path.js';

/** A concern of the taxonomy: a stable id and a name for people. */
export interface ConcernInfo {
  id: string;
  name: string;
  description: string;
}

let cache: ConcernInfo[] | undefined;

/** Returns the concerns in taxonomy order, as knowledge/concerns.json lists them. */
export function listConcerns(): readonly ConcernInfo[] {
  cache ??= readConcerns();
  return cache;
}

/** Returns a concern's name for people, or the id itself when unknown. */
export function concernName(id: string): string {
  return listConcerns().find((c) => c.id === id)?.name ?? id;
}

function readConcerns(): ConcernInfo[] {
  const file = projectPath('knowledge', 'concerns.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new Error(`knowledge: cannot read ${file}; reinstall treatywatch or restore the file`, { cause });
  }
  const list = Array.isArray(raw) ? raw : (raw as { concerns?: unknown }).concerns;
  const out = (Array.isArray(list) ? list : [])
    .filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null && typeof c.id === 'string')
    .map((c) => ({ id: String(c.id), name: String(c.name ?? c.id), description: String(c.description ?? '') }));
  if (out.length === 0) throw new Error(`knowledge: ${file} lists no concerns`);
  return out;
}
