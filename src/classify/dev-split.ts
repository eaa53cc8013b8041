/**
 * The fixed split of the labelled development sets into two halves, A and B, by item id.
 *
 * Rules are tuned on half A; half B is held back and only reported, so its figures say how the
 * classifier does on items nobody tuned against. The rule depends on the id alone (32-bit FNV-1a
 * hash of the id's UTF-8 bytes, even hash -> A, odd -> B): adding or removing other items never
 * moves an item to the other half, and every run on every machine gives the same halves.
 */

/** One half of a development set. */
export type DevHalf = 'A' | 'B';

/** Returns the half an item id belongs to. */
export function devHalfOf(id: string): DevHalf {
  return (fnv1a32(id) & 1) === 0 ? 'A' : 'B';
}

/** Returns the items of one half, keeping their order; items without an id are in neither half. */
export function pickHalf<T extends { id?: string }>(items: readonly T[], half: DevHalf): T[] {
  return items.filter((item) => typeof item.id === 'string' && devHalfOf(item.id) === half);
}

/** Returns "A" or "B" for a command-line value (case-insensitive); throws otherwise. */
export function parseDevHalf(value: string): DevHalf {
  const v = value.trim().toUpperCase();
  if (v === 'A' || v === 'B') return v;
  throw new Error(`eval: --half must be A or B (got "${value}")`);
}

function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(s, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
