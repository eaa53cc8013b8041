import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSourceConfigs, parseInterval, parseSourceConfigs } from '../../src/poll/source-list.js';

const dir = mkdtempSync(join(tmpdir(), 'tw-sources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the built-in source list', () => {
  const { configs, origin } = loadSourceConfigs(null);

  it('holds every source of the reviewed list with a valid kind and URL', () => {
    expect(origin).toBe('builtin');
    expect(configs.map((c) => c.id)).toEqual(expect.arrayContaining([
      'eff', 'eff-treaty-page', 'hrw', 'accessnow', 'article19', 'privacy-international', 'digwatch',
      'gitoc', 'un-news', 'unodc-ahc', 'unodc-convention', 'untc-status',
    ]));
    for (const c of configs) expect(c.url).toMatch(/^https:\/\//);
  });

  it('marks official documents and treaty status as high priority', () => {
    const high = configs.filter((c) => c.priority === 'high').map((c) => c.id);
    expect(high).toEqual(expect.arrayContaining(['unodc-ahc', 'unodc-convention', 'untc-status']));
    expect(configs.find((c) => c.id === 'untc-status')?.kind).toBe('treaty-status');
  });
});

describe('the operator source file', () => {
  it('replaces the built-in list and accepts loopback URLs (operators are trusted)', () => {
    const file = join(dir, 'mine.json');
    writeFileSync(file, JSON.stringify([{ id: 'local', name: 'Local', publisher: 'Me', kind: 'feed', url: 'http://127.0.0.1:8080/feed.xml', interval: '5m' }]));
    const { configs, origin } = loadSourceConfigs(file);
    expect(origin).toBe('operator');
    expect(configs).toEqual([{ id: 'local', name: 'Local', publisher: 'Me', kind: 'feed', url: 'http://127.0.0.1:8080/feed.xml', intervalMs: 300_000, priority: 'normal', sessionCritical: false }]);
  });

  it('names the file when it cannot be read', () => {
    expect(() => loadSourceConfigs(join(dir, 'missing.json'))).toThrow(/TREATYWATCH_SOURCES file/);
  });

  it.each([
    [{}, /JSON array/],
    [[{ id: 'x', kind: 'feed' }], /"url" must be a non-empty string/],
    [[{ id: 'Bad Id', kind: 'feed', url: 'https://a.example/' }], /lower-case/],
    [[{ id: 'a', kind: 'blog', url: 'https://a.example/' }], /kind must be one of/],
    [[{ id: 'a', kind: 'feed', url: 'ftp://a.example/' }], /http\(s\) URL/],
    [[{ id: 'a', kind: 'feed', url: 'https://a.example/', priority: 'urgent' }], /priority/],
    [[{ id: 'a', kind: 'feed', url: 'https://a.example/' }, { id: 'a', kind: 'feed', url: 'https://b.example/' }], /appears twice/],
    [[{ id: 'a', kind: 'page', url: 'https://a.example/', selectors: { title: 'h2' } }], /"item"/],
    [[{ id: 'a', kind: 'feed', url: 'https://a.example/', interval: '10s' }], /at least one minute/],
  ])('refuses %j with a clear error', (json, pattern) => {
    expect(() => parseSourceConfigs(json)).toThrow(pattern);
  });
});

describe('parseInterval', () => {
  it.each([
    ['30m', 1_800_000], ['1h', 3_600_000], ['2d', 172_800_000], ['90s', 90_000], [120, 120_000], ['1.5h', 5_400_000], [undefined, 1_800_000],
  ])('reads %j', (input, ms) => {
    expect(parseInterval(input)).toBe(ms);
  });

  it.each(['soon', '5 minutes', '-1h', ''])('refuses %j', (input) => {
    expect(() => parseInterval(input)).toThrow();
  });
});
