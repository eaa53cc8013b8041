import { describe, expect, it } from 'vitest';
import { buildStartBanner } from '../../src/ops/start-banner.js';
import type { TreatyImport } from '../../src/store/treaty-store.js';

const NONE = { stored: [], attempt: undefined };
const NOW = Date.UTC(2026, 11, 2, 1, 0);
const imported = (language: string, source: string, atMs: number): TreatyImport => ({ language, source, sha256: language, format: 'pdf', importedAtMs: atMs, articles: 68, provisions: 400 });

describe('buildStartBanner', () => {
  it('names the sources, database, adapters, and how to import a missing official text', () => {
    const lines = buildStartBanner({ enabledSources: 14, dbPath: 'data/tw.db', adapters: ['console'], officialText: NONE, treatyText: { mode: 'off' }, nowMs: NOW });
    expect(lines.join('\n')).toMatch(/sources: +14 sources/);
    expect(lines.join('\n')).toMatch(/database: +data\/tw\.db/);
    expect(lines.join('\n')).toMatch(/adapters: +console/);
    expect(lines.at(-1)).toMatch(/official text: English: not imported yet, not fetched by itself \(TREATYWATCH_TREATY_TEXT=off\).*treatywatch treaty import \[<file\|url>\] \(no argument: the UN document/);
  });

  it('says when the text is being fetched by itself, and after failures when the next attempt is', () => {
    const lines = buildStartBanner({ enabledSources: 3, dbPath: 'db', adapters: ['console'], officialText: NONE, treatyText: { mode: 'auto' }, nowMs: NOW });
    expect(lines.at(-1)).toMatch(/not imported yet, fetching it from the UN now \(TREATYWATCH_TREATY_TEXT=auto\)/);
    const attempt = { language: 'en', source: 'https://un.example/en.pdf', failures: 2, lastAttemptAtMs: NOW - 1, nextAttemptAtMs: NOW + 6 * 3_600_000, lastError: 'download failed: HTTP 503', etag: null, lastModified: null };
    const failing = buildStartBanner({ enabledSources: 3, dbPath: 'db', adapters: ['console'], officialText: { stored: [], attempt }, treatyText: { mode: 'auto' }, nowMs: NOW });
    expect(failing.at(-1)).toContain('English: not imported yet, 2 failed attempts at https://un.example/en.pdf (last: download failed: HTTP 503); next attempt at 2026-12-02 07:00 UTC');
  });

  it('lists each stored language with its document and date, and says when nothing will be polled', () => {
    const lines = buildStartBanner({
      enabledSources: 0, dbPath: 'db', adapters: ['slack', 'matrix'], treatyText: { mode: 'auto' }, nowMs: NOW,
      officialText: { stored: [imported('en', 'https://example.org/A_RES_79_243.pdf', Date.UTC(2026, 10, 3)), imported('es', 'https://example.org/es.pdf', Date.UTC(2026, 10, 4, 9, 30))], attempt: undefined },
    });
    expect(lines.join('\n')).toContain('no enabled sources');
    expect(lines.join('\n')).toContain('adapters:      slack, matrix');
    expect(lines.slice(-2)).toEqual([
      '  official text: English: imported 2026-11-03 00:00 UTC from https://example.org/A_RES_79_243.pdf (68 articles, 400 provisions)',
      '                 Spanish: imported 2026-11-04 09:30 UTC from https://example.org/es.pdf (68 articles, 400 provisions)',
    ]);
  });
});
