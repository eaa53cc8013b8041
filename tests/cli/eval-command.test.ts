import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { CliIo } from '../../src/cli/cli-io.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function io(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), stdin: Readable.from([]), env: {} };
}

function goldFile(lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'tw-eval-'));
  dirs.push(dir);
  const path = join(dir, 'gold.jsonl');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

const item = (id: string, title: string, gold: Record<string, unknown>) =>
  JSON.stringify({ id, title, text: '', url: null, publisher: 'news', published: '2025-10-27', gold });

// Three items: a treaty story labelled relevant (tp), an unrelated story (tn), and a treaty story
// whose gold wrongly says unrelated, so the classifier's correct answer counts as a false positive.
const GOLD = [
  item('a', 'US declines to join more than 70 countries in signing UN cybercrime treaty', { relevant: true, articles: [], concerns: ['ratification'] }),
  item('b', 'Falling panel prices lead to global solar boom', { relevant: false, articles: [], concerns: [] }),
  item('c', 'Countries sign the UN Convention against Cybercrime in Hanoi', { relevant: false, articles: [], concerns: [] }),
];

describe('treatywatch eval --gold', () => {
  it('prints relevance, article, concern and wrongly-bound figures', async () => {
    const cli = io();
    expect(await runCli(['eval', '--gold', goldFile(GOLD)], cli)).toBe(0);
    const out = cli.out.join('');
    expect(out).toMatch(/relevance\s+P 0\.500\s+R 1\.000\s+F1 0\.667\s+\(tp 1, fp 1, fn 0\)/);
    expect(out).toMatch(/articles \(article\)/);
    expect(out).toMatch(/articles \(full ref\)/);
    expect(out).toMatch(/concerns \(micro\)\s+P 0\.500\s+R 1\.000/);
    expect(out).toMatch(/concerns \(macro F1\)\s+0\.667/);
    expect(out).toMatch(/wrongly bound refs\s+0/);
  });

  it('prints the same report as JSON with --json', async () => {
    const cli = io();
    expect(await runCli(['eval', '--gold', goldFile(GOLD), '--json'], cli)).toBe(0);
    const report = JSON.parse(cli.out.join('')) as { items: number; relevance: { tp: number; fp: number; fn: number }; concerns: { items: number } };
    expect(report.items).toBe(3);
    expect(report.relevance).toMatchObject({ tp: 1, fp: 1, fn: 0 });
    expect(report.concerns.items).toBe(3);
  });

  it('names a bad line and evaluates the rest', async () => {
    const cli = io();
    expect(await runCli(['eval', '--gold', goldFile([GOLD[0]!, '{"id":"x","title":"t","text":""}'])], cli)).toBe(1);
    expect(cli.err.join('')).toMatch(/line 2: eval: the line has no "gold" object/);
    expect(cli.out.join('')).toMatch(/items\s+1/);
  });

  it('asks for --gold', async () => {
    const cli = io();
    expect(await runCli(['eval'], cli)).toBe(2);
    expect(cli.err.join('')).toMatch(/usage: treatywatch eval --gold/);
  });
});
