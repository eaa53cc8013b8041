import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { CliIo } from '../../src/cli/cli-io.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function io(env: Record<string, string> = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), stdin: Readable.from([]), env };
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

  it('asks for a file after --gold', async () => {
    const cli = io();
    expect(await runCli(['eval', '--gold'], cli)).toBe(2);
    expect(cli.err.join('')).toMatch(/--gold needs a value[\s\S]*usage: treatywatch eval \[--gold <file\.jsonl>/i);
  });
});

describe('treatywatch eval (every set in one table)', () => {
  function evalDir(sets: Record<string, string[]>): string {
    const dir = mkdtempSync(join(tmpdir(), 'tw-evaldir-'));
    dirs.push(dir);
    for (const [name, lines] of Object.entries(sets)) writeFileSync(join(dir, `${name}.jsonl`), lines.join('\n') + '\n');
    return dir;
  }

  it('prints one row per set and half, and the whole set', async () => {
    const cli = io();
    const dir = evalDir({ 'refs-dev': GOLD, 'dev-relevance': GOLD.slice(0, 2) });
    expect(await runCli(['eval', '--dir', dir], cli)).toBe(0);
    const out = cli.out.join('');
    expect(out).toMatch(/^set\s+half\s+items\s+rel P\s+rel R\s+rel F1\s+rel fp\s+art P/m);
    for (const half of ['A', 'B', 'all']) {
      expect(out).toMatch(new RegExp(`^refs-dev\\s+${half}\\s`, 'm'));
      expect(out).toMatch(new RegExp(`^dev-relevance\\s+${half}\\s`, 'm'));
    }
    expect(out).toMatch(/^refs-dev\s+all\s+3\s+0\.500\s+1\.000\s+0\.667\s+1\s/m);
    expect(out).not.toMatch(/^concerns-dev/m);
  });

  it('keeps one half with --half, splitting by id the same way every time', async () => {
    const { devHalfOf } = await import('../../src/classify/dev-split.js');
    const ids = ['a', 'b', 'c'];
    const inA = ids.filter((id) => devHalfOf(id) === 'A').length;
    const cli = io();
    expect(await runCli(['eval', '--dir', evalDir({ 'refs-dev': GOLD }), '--half', 'a', '--json'], cli)).toBe(0);
    const rows = JSON.parse(cli.out.join('')) as { set: string; half: string; report: { items: number } }[];
    expect(rows).toEqual([expect.objectContaining({ set: 'refs-dev', half: 'A', report: expect.objectContaining({ items: inA }) })]);
  });

  it('refuses a half that is not A or B, and a folder without labelled sets', async () => {
    const cli = io();
    expect(await runCli(['eval', '--dir', evalDir({}), '--half', 'C'], cli)).toBe(2);
    expect(cli.err.join('')).toMatch(/--half must be A or B/);
    const empty = io({ TREATYWATCH_EVAL_DIR: evalDir({ other: GOLD }) });
    expect(await runCli(['eval'], empty)).toBe(2);
    expect(empty.err.join('')).toMatch(/no labelled sets .*refs-dev\.jsonl/);
  });
});
