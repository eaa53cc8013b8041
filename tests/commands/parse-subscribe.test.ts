import { describe, expect, it } from 'vitest';
import { parseSubscribe, resolveTimeZone } from '../../src/commands/parse-subscribe.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

describe('parseSubscribe', () => {
  it.each([
    ['', {}],
    ['digest daily 08:00 Europe/Berlin', { digestCron: '0 8 * * *', digestTimeZone: 'Europe/Berlin', nextDigestAtMs: null }],
    ['digest daily 7:30', { digestCron: '30 7 * * *', digestTimeZone: 'UTC', nextDigestAtMs: null }],
    ['digest daily 08:00 Europe/Geneva', { digestCron: '0 8 * * *', digestTimeZone: 'Europe/Zurich', nextDigestAtMs: null }],
    ['digest weekly Monday 09:15 America/New_York', { digestCron: '15 9 * * 1', digestTimeZone: 'America/New_York', nextDigestAtMs: null }],
    ['digest cron "0 8 * * 1-5" Asia/Tokyo', { digestCron: '0 8 * * 1-5', digestTimeZone: 'Asia/Tokyo', nextDigestAtMs: null }],
    ['digest cron 0 8 * * 1-5', { digestCron: '0 8 * * 1-5', digestTimeZone: 'UTC', nextDigestAtMs: null }],
    ['digest off', { digestCron: null, nextDigestAtMs: null }],
    ['alerts off', { alerts: false }],
    ['session ON', { sessionMode: true }],
    ['article 28, 40.3 28', { filterArticles: ['28', '40.3'] }],
    ['concern surveillance scope', { filterConcerns: ['surveillance', 'scope'] }],
    ['source any', { filterSources: [] }],
    ['group article', { groupBy: 'article' }],
    ['alerts on; session on; group concern', { alerts: true, sessionMode: true, groupBy: 'concern' }],
  ])('reads "%s"', (args, settings) => {
    expect(parseSubscribe(KNOWLEDGE, args)).toEqual({ ok: true, settings });
  });

  it.each([
    ['digest daily 25:00', /HH:MM/],
    ['digest daily 08:00 Mars/Olympus', /not a time zone/],
    ['digest daily 08:00 UTC extra', /Unexpected "extra"/],
    ['digest weekly someday 08:00', /the day/],
    ['digest cron 0 8 * *', /5 fields/],
    ['digest cron 61 8 * * *', /minute/],
    ['digest hourly', /digest daily HH:MM/],
    ['alerts maybe', /alerts on/],
    ['article 99', /not an article/],
    ['article', /at least one value/],
    ['concern privacy', /not a concern id/],
    ['source ../../etc', /not a source id/],
    ['group date', /group concern/],
    ['frequency high', /Unknown subscribe option "frequency"/],
  ])('refuses "%s"', (args, error) => {
    const parsed = parseSubscribe(KNOWLEDGE, args);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });

  it('resolves zone names and aliases', () => {
    expect(resolveTimeZone('utc')).toBe('UTC');
    expect(resolveTimeZone('Europe/Vienna')).toBe('Europe/Vienna');
    expect(resolveTimeZone('nowhere')).toBeNull();
  });
});
