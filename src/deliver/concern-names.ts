import type { ConcernRules } from '../knowledge/concern-rules.js';

/** Returns a concern's name for people, or the id itself when the taxonomy does not list it. */
export function concernName(rules: ConcernRules, id: string): string {
  return rules.concerns.find((c) => c.id === id)?.name ?? id;
}
