/**
 * "Did you mean ...": the known name closest to a mistyped one, by edit distance with swapped
 * neighbours counted as one edit (optimal string alignment). Short names allow one edit, longer
 * ones two, so "artcle" finds "article" but "foo" finds nothing.
 */

/** Returns the closest candidate to `input`, or null when none is close enough. */
export function suggestName(input: string, candidates: readonly string[]): string | null {
  const typed = input.toLowerCase();
  if (typed === '') return null;
  const allowed = typed.length <= 4 ? 1 : 2;
  let best: { name: string; distance: number } | null = null;
  for (const name of candidates) {
    const distance = editDistance(typed, name.toLowerCase());
    if (distance <= allowed && (best === null || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
}

/** Returns ' Did you mean "x"?' for a close candidate, else an empty string (for appending to an error). */
export function didYouMean(input: string, candidates: readonly string[], shown: (name: string) => string = (n) => n): string {
  const name = suggestName(input, candidates);
  return name === null ? '' : ` Did you mean "${shown(name)}"?`;
}

function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}
