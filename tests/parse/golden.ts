import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

/**
 * Compares a parser's output with its reviewed `*.expected.json`. With UPDATE_GOLDEN=1 the file is
 * rewritten instead; the diff must then be read before it is committed.
 */
export function expectGolden(actual: unknown, goldenUrl: URL): void {
  const json = JSON.stringify(actual, null, 2) + '\n';
  if (process.env['UPDATE_GOLDEN'] === '1') {
    writeFileSync(goldenUrl, json);
    return;
  }
  if (!existsSync(goldenUrl)) throw new Error(`golden file missing: ${goldenUrl.pathname} (run with UPDATE_GOLDEN=1, then review it)`);
  expect(JSON.parse(json)).toEqual(JSON.parse(readFileSync(goldenUrl, 'utf8')));
}
