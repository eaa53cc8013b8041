/**
 * A cheap "can this text contain that string?" test: the text's three-character windows are hashed
 * into a small bit set once, and a string can occur in the text only if every one of its windows is
 * in the set. A hash collision can only say "maybe" where the answer is no, never the reverse, so a
 * pattern skipped on this test could not have matched.
 */

const BITS = 1 << 14;
const MASK = BITS - 1;

/** The hashed three-character windows of one string. */
export type TrigramKeys = Int32Array;

/** The set of hashed windows of one text. */
export type TextTrigrams = Uint32Array;

function hashAt(s: string, i: number): number {
  const h = s.charCodeAt(i) * 961 + s.charCodeAt(i + 1) * 31 + s.charCodeAt(i + 2);
  return (Math.imul(h, 0x9e3779b1) >>> 18) & MASK;
}

/** Returns the window keys of a string of at least three characters. */
export function trigramKeys(literal: string): TrigramKeys {
  if (literal.length < 3) throw new Error(`trigram keys need three characters (got "${literal}")`);
  const keys = new Int32Array(literal.length - 2);
  for (let i = 0; i < keys.length; i++) keys[i] = hashAt(literal, i);
  return keys;
}

/** Returns the set of windows of a text. */
export function textTrigrams(text: string): TextTrigrams {
  const set = new Uint32Array(BITS >> 5);
  for (let i = 0; i + 3 <= text.length; i++) {
    const h = hashAt(text, i);
    set[h >> 5]! |= 1 << (h & 31);
  }
  return set;
}

/** Returns false when the text cannot contain any of the strings; true when it may contain one. */
export function mayContainAny(set: TextTrigrams, strings: readonly TrigramKeys[]): boolean {
  for (const keys of strings) {
    let all = true;
    for (let i = 0; i < keys.length; i++) {
      const h = keys[i]!;
      if ((set[h >> 5]! & (1 << (h & 31))) === 0) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}
