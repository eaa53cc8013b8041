import { existsSync, readFileSync } from 'node:fs';
import { projectPath } from '../project-path.js';

/** A concern of the taxonomy: a stable id and a name for people. */
export interface ConcernInfo {
  id: string;
  name: string;
  description: string;
}

// The taxonomy's ids in its own order, with short names; used when knowledge/concerns.json is absent.
const FALLBACK: readonly [string, string][] = [
  ['scope', 'Overly broad scope'],
  ['protocol', 'Supplementary protocol'],
  ['safeguards', 'Human-rights safeguards'],
  ['surveillance', 'Real-time surveillance'],
  ['stored-data-powers', 'Stored-data powers'],
  ['compelled-assistance', 'Compelled assistance'],
  ['data-protection', 'Data protection'],
  ['dual-criminality', 'Dual criminality'],
  ['cross-border-cooperation', 'Cross-border cooperation'],
  ['good-faith-actors', 'Researchers, journalists, whistleblowers'],
  ['expression', 'Freedom of expression'],
  ['gender-lgbtq', 'Gender and LGBTQ+ people'],
  ['transnational-repression', 'Transnational repression'],
  ['technical-assistance', 'Technical assistance'],
  ['process', 'Negotiation process'],
  ['ratification', 'Signature and ratification'],
];

let cache: ConcernInfo[] | undefined;

/** Returns the concerns in taxonomy order: from knowledge/concerns.json when present, else the built-in table. */
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
  if (existsSync(file)) {
    try {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      const list = Array.isArray(raw) ? raw : (raw as { concerns?: unknown }).concerns;
      if (Array.isArray(list)) {
        const out = list
          .filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null && typeof c.id === 'string')
          .map((c) => ({ id: String(c.id), name: String(c.name ?? c.id), description: String(c.description ?? '') }));
        if (out.length > 0) return out;
      }
    } catch {
      // A broken file must not take the digest down; the built-in names still say what each id means.
    }
  }
  return FALLBACK.map(([id, name]) => ({ id, name, description: '' }));
}
