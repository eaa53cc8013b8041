import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { EvalReport } from '../../src/classify/evaluate-classifier.js';
import { HAS_SHARED_DATA, SHARED_DATA_SKIP } from '../helpers/shared-data.js';
import { buildSeedGoldLines, splitFeedPage } from './seed-gold.js';

const dir = mkdtempSync(join(tmpdir(), 'tw-seeds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function evaluateSeeds(): Promise<EvalReport> {
  const path = join(dir, 'seeds.jsonl');
  writeFileSync(path, buildSeedGoldLines().join('\n') + '\n');
  const out: string[] = [];
  const code = await runCli(['eval', '--gold', path, '--json'], { stdout: (t) => void out.push(t), stderr: () => {}, stdin: Readable.from([]), env: {} });
  expect(code).toBe(0);
  return JSON.parse(out.join('')) as EvalReport;
}

describe('splitFeedPage', () => {
  it('cuts a feed page into entries at each "N weeks M days ago" line', () => {
    const page = 'First post\n\n1 week 1 day ago\nBody one.\n\nSecond post\n\n2 days ago\nBody two.';
    expect(splitFeedPage(page)).toEqual([{ title: 'First post', text: 'Body one.' }, { title: 'Second post', text: 'Body two.' }]);
  });
});

describe.skipIf(!HAS_SHARED_DATA)(`the seed documents${SHARED_DATA_SKIP}`, () => {
  it('are classified as labelled: treaty analyses in, the unrelated feed entries out', async () => {
    const report = await evaluateSeeds();
    expect(report.items).toBe(9);
    expect(report.relevance).toMatchObject({ tp: 6, fp: 0, fn: 0 });
    expect(report.concerns.micro.f1).toBeGreaterThanOrEqual(0.8);
    expect(report.articles.article.f1).toBeGreaterThanOrEqual(0.9);
  });
});
