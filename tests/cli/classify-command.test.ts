import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { CliIo } from '../../src/cli/cli-io.js';

function io(stdinText: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), stdin: Readable.from([stdinText]), env: {} };
}

const TREATY = { id: 't1', title: 'US declines to join more than 70 countries in signing UN cybercrime treaty', text: '', url: 'https://example.org/t1', publisher: 'hackernews', published: '2025-10-30' };
const OTHER = { id: 'o1', title: 'Falling panel prices lead to global solar boom', text: 'Except in the US.', url: null, publisher: 'hackernews', published: '2025-10-30' };

describe('treatywatch classify --jsonl', () => {
  it('writes one result line per input line in the documented shape', async () => {
    const cli = io([TREATY, OTHER].map((o) => JSON.stringify(o)).join('\n') + '\n');
    expect(await runCli(['classify', '--jsonl'], cli)).toBe(0);
    const lines = cli.out.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0]!)).toEqual(['id', 'relevant', 'score', 'articles', 'concerns', 'mentions']);
    expect(lines[0]).toMatchObject({ id: 't1', relevant: true, articles: [], concerns: ['ratification'], mentions: [] });
    expect(lines[1]).toMatchObject({ id: 'o1', relevant: false, articles: [], concerns: [] });
    expect(lines[0]!['score']).toBeGreaterThan(0.5);
    expect(lines[1]!['score']).toBeLessThan(0.5);
  });

  it('reports a bad line on stderr with its number and still processes the others', async () => {
    const cli = io([JSON.stringify(TREATY), '{not json', '', JSON.stringify({ id: 'x', title: '', text: '' }), JSON.stringify(OTHER)].join('\n'));
    expect(await runCli(['classify', '--jsonl'], cli)).toBe(1);
    expect(cli.out.join('').trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['t1', 'o1']);
    const err = cli.err.join('');
    expect(err).toMatch(/line 2: classify: not valid JSON/);
    expect(err).toMatch(/line 4: classify: "title" and "text" are both empty/);
  });

  it('asks for --jsonl', async () => {
    const cli = io('');
    expect(await runCli(['classify'], cli)).toBe(2);
    expect(cli.err.join('')).toMatch(/usage: treatywatch classify --jsonl/);
  });
});
