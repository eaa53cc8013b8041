import { describe, expect, it } from 'vitest';
import { nextCronTime, parseCron } from '../../src/deliver/next-cron-time.js';

const iso = (ms: number) => new Date(ms).toISOString();
const at = (s: string) => Date.parse(s);

describe('nextCronTime', () => {
  it.each([
    ['0 8 * * *', 'UTC', '2026-03-01T07:59:00Z', '2026-03-01T08:00:00.000Z'],
    ['0 8 * * *', 'UTC', '2026-03-01T08:00:00Z', '2026-03-02T08:00:00.000Z'],
    ['*/15 * * * *', 'UTC', '2026-03-01T08:01:00Z', '2026-03-01T08:15:00.000Z'],
    ['0 9 * * 1', 'UTC', '2026-03-01T00:00:00Z', '2026-03-02T09:00:00.000Z'],
    ['0 9 * * 7', 'UTC', '2026-03-02T00:00:00Z', '2026-03-08T09:00:00.000Z'],
    ['30 6 1 * *', 'Asia/Tokyo', '2026-03-05T00:00:00Z', '2026-03-31T21:30:00.000Z'],
    ['0 0 29 2 *', 'UTC', '2026-03-01T00:00:00Z', '2028-02-29T00:00:00.000Z'],
  ])('%s in %s after %s is %s', (expr, zone, after, expected) => {
    expect(iso(nextCronTime(expr, zone, at(after)))).toBe(expected);
  });

  it('keeps a Berlin 08:00 digest at 08:00 local across the spring and autumn changes', () => {
    const fires: string[] = [];
    let t = at('2026-03-27T12:00:00Z');
    for (let i = 0; i < 4; i++) fires.push(iso((t = nextCronTime('0 8 * * *', 'Europe/Berlin', t))));
    expect(fires).toEqual(['2026-03-28T07:00:00.000Z', '2026-03-29T06:00:00.000Z', '2026-03-30T06:00:00.000Z', '2026-03-31T06:00:00.000Z']);
    t = at('2026-10-24T12:00:00Z');
    expect(iso((t = nextCronTime('0 8 * * *', 'Europe/Berlin', t)))).toBe('2026-10-25T07:00:00.000Z');
  });

  it('fires 02:30 exactly once on a spring-forward day (at 03:30 summer time)', () => {
    const first = nextCronTime('30 2 * * *', 'Europe/Berlin', at('2026-03-28T12:00:00Z'));
    expect(iso(first)).toBe('2026-03-29T01:30:00.000Z');
    expect(iso(nextCronTime('30 2 * * *', 'Europe/Berlin', first))).toBe('2026-03-30T00:30:00.000Z');
  });

  it('fires 02:30 once on a fall-back day, at its first occurrence', () => {
    const first = nextCronTime('30 2 * * *', 'Europe/Berlin', at('2026-10-24T12:00:00Z'));
    expect(iso(first)).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(nextCronTime('30 2 * * *', 'Europe/Berlin', first))).toBe('2026-10-26T01:30:00.000Z');
  });

  it('follows New York wall time across its own change date', () => {
    expect(iso(nextCronTime('0 8 * * *', 'America/New_York', at('2026-03-07T20:00:00Z')))).toBe('2026-03-08T12:00:00.000Z');
    expect(iso(nextCronTime('0 8 * * *', 'America/New_York', at('2026-03-06T20:00:00Z')))).toBe('2026-03-07T13:00:00.000Z');
  });

  it.each(['', '0 8 * *', '60 8 * * *', '0 24 * * *', 'a b c d e', '0 8 * * 8', '5-1 * * * *'])('rejects "%s"', (expr) => {
    expect(() => parseCron(expr)).toThrow(/^schedule: /);
  });

  it('rejects an expression that never fires', () => {
    expect(() => nextCronTime('0 0 31 2 *', 'UTC', 0)).toThrow(/never fires/);
  });
});
