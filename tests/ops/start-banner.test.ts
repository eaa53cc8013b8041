import { describe, expect, it } from 'vitest';
import { buildStartBanner } from '../../src/ops/start-banner.js';

describe('buildStartBanner', () => {
  it('names the sources, database, adapters, and how to import a missing official text', () => {
    const lines = buildStartBanner({ enabledSources: 14, dbPath: '/tmp/x/tw.db', adapters: ['console'], officialText: undefined, treatyText: { mode: 'off' } });
    expect(lines.join('\n')).toMatch(/sources: +14 sources/);
    expect(lines.join('\n')).toMatch(/database: +\/tmp\/x\/tw\.db/);
    expect(lines.join('\n')).toMatch(/adapters: +console/);
    expect(lines.at(-1)).toMatch(/official text: not imported yet, not fetched by itself \(TREATYWATCH_TREATY_TEXT=off\).*treatywatch treaty import <file\|url>/);
  });

  it('says when the text is being fetched by itself', () => {
    const lines = buildStartBanner({ enabledSources: 3, dbPath: 'db', adapters: ['console'], officialText: undefined, treatyText: { mode: 'auto' } });
    expect(lines.at(-1)).toMatch(/not imported yet, fetching it from the UN now \(TREATYWATCH_TREATY_TEXT=auto\)/);
  });

  it('says when and from where the official text was imported, and when nothing will be polled', () => {
    const lines = buildStartBanner({
      enabledSources: 0, dbPath: 'db', adapters: ['slack', 'matrix'], treatyText: { mode: 'auto' },
      officialText: { language: 'en', source: 'https://example.org/A_RES_79_243.pdf', sha256: 'x', format: 'pdf', importedAtMs: Date.UTC(2026, 10, 3), articles: 71, provisions: 400 },
    });
    expect(lines.join('\n')).toContain('no enabled sources');
    expect(lines.join('\n')).toContain('adapters:      slack, matrix');
    expect(lines.at(-1)).toBe('  official text: imported 2026-11-03 from https://example.org/A_RES_79_243.pdf (71 articles, 400 provisions)');
  });
});
