import { describe, expect, it } from 'vitest';
import { devHalfOf, parseDevHalf, pickHalf } from '../../src/classify/dev-split.js';

describe('devHalfOf', () => {
  it('depends on the id alone and splits sequential ids roughly in half', () => {
    const ids = Array.from({ length: 400 }, (_, i) => `refdev-${String(i + 1).padStart(3, '0')}`);
    const a = ids.filter((id) => devHalfOf(id) === 'A').length;
    expect(a).toBeGreaterThan(160);
    expect(a).toBeLessThan(240);
    expect(ids.map(devHalfOf)).toEqual(ids.map(devHalfOf));
  });

  it('pins the halves of known ids, so the split never drifts', () => {
    // The parity of the 32-bit FNV-1a hash of each id; changing the rule would move tuned items into B.
    expect(['refdev-001', 'refdev-002', 'condev-001', 'condev-002'].map(devHalfOf)).toEqual(['B', 'A', 'A', 'B']);
  });

  it('keeps only the items of one half, in order, and parses the flag', () => {
    const items = [{ id: 'x1' }, { id: 'x2' }, { id: 'x3' }, {}];
    const a = pickHalf(items, 'A');
    const b = pickHalf(items, 'B');
    expect(a.length + b.length).toBe(3);
    expect(parseDevHalf(' b ')).toBe('B');
    expect(() => parseDevHalf('C')).toThrow(/A or B/);
  });
});
