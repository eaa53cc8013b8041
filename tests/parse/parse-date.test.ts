import { describe, expect, it } from 'vitest';
import { parseDateMs } from '../../src/parse/parse-date.js';

describe('parseDateMs', () => {
  it.each([
    ['Tue, 24 Dec 2024 18:30:00 GMT', Date.UTC(2024, 11, 24, 18, 30)],
    ['Sat, 25 Oct 2025 09:15:00 +0700', Date.UTC(2025, 9, 25, 2, 15)],
    ['2024-08-09T14:00:00+02:00', Date.UTC(2024, 7, 9, 12)],
    ['2024-08-09T14:00:00Z', Date.UTC(2024, 7, 9, 14)],
    ['2025-10-25', Date.UTC(2025, 9, 25)],
    ['25 Oct 2025', Date.UTC(2025, 9, 25)],
    ['25 October 2025', Date.UTC(2025, 9, 25)],
    ['October 25, 2025', Date.UTC(2025, 9, 25)],
    ['Sept. 3, 2024', Date.UTC(2024, 8, 3)],
    ['1st March 2024', Date.UTC(2024, 2, 1)],
    ['  9 August\n2024 ', Date.UTC(2024, 7, 9)],
  ])('reads %j', (input, expected) => {
    expect(parseDateMs(input)).toBe(expected);
  });

  it.each([[''], ['   '], ['not a date'], ['2025'], ['31 Feb 2025'], ['25 Foo 2025'], [null], [undefined]])('returns null for %j', (input) => {
    expect(parseDateMs(input)).toBeNull();
  });
});
