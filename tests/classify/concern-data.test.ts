import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crossValidate, crossValidateByGroup, foldOf, scoreConcernSets } from '../../src/classify/concern-cross-validation.js';
import { readLabelled, relevanceCounts } from '../../src/classify/concern-data.js';
import { devHalfOf } from '../../src/classify/dev-split.js';
import { projectPath } from '../../src/project-path.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const dir = mkdtempSync(join(tmpdir(), 'concern-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function line(id: string, title: string, concerns: string[]): string {
  return JSON.stringify({ id, title, text: '', gold: { relevant: true, concerns } });
}

describe('labelled items for the concern model', () => {
  it('reads only half A of a development set when asked', () => {
    const ids = Array.from({ length: 20 }, (_, i) => `item-${i}`);
    const path = join(dir, 'dev.jsonl');
    writeFileSync(path, ids.map((id) => line(id, 'Dual criminality is optional', ['dual-criminality'])).join('\n') + '\n');
    const read = readLabelled(path, 'dev A', true, KNOWLEDGE);
    expect(read.length).toBeGreaterThan(0);
    expect(read.map((i) => i.id)).toEqual(ids.filter((id) => devHalfOf(id) === 'A'));
    expect(readLabelled(path, 'dev', false, KNOWLEDGE)).toHaveLength(20);
  });

  it('counts relevance against gold labels, and reads only half A when asked', () => {
    const path = join(dir, 'relevance.jsonl');
    const rows = [
      { id: 'r1', title: 'UN Convention against Cybercrime opens for signature', relevant: true },
      { id: 'r2', title: 'Weekly recipes', relevant: true },
      { id: 'r3', title: 'Council of Europe marks the Budapest Convention anniversary', relevant: false },
    ];
    writeFileSync(path, rows.map((r) => JSON.stringify({ id: r.id, title: r.title, text: '', gold: { relevant: r.relevant, concerns: [] } })).join('\n') + '\n');
    expect(relevanceCounts(path, false, KNOWLEDGE)).toEqual({ tp: 1, fn: 1, fp: 0, tn: 1 });
    const halfA = relevanceCounts(path, true, KNOWLEDGE);
    expect(halfA.tp + halfA.fn + halfA.fp + halfA.tn).toBe(rows.filter((r) => devHalfOf(r.id) === 'A').length);
  });

  it('names the file and line of a line that is not JSON', () => {
    const path = join(dir, 'bad.jsonl');
    writeFileSync(path, line('a', 'x', []) + '\n{oops\n');
    expect(() => readLabelled(path, 'bad', false, KNOWLEDGE)).toThrow(/bad\.jsonl line 2/);
  });

  it('names a corpus item\'s source by its writer', () => {
    const path = join(dir, 'writers.jsonl');
    writeFileSync(path, [{ id: 'w-1', writer: 'W1' }, { id: 'w-2', writer: 'W2' }, { id: 'w-3' }].map((r) => JSON.stringify({ ...r, title: 'x', text: '', gold: { relevant: true, concerns: [] } })).join('\n') + '\n');
    expect(readLabelled(path, 'corpus', false, KNOWLEDGE).map((i) => i.source)).toEqual(['corpus W1', 'corpus W2', 'corpus']);
  });

  it('every item of the written corpus has known concern ids, and dual criminality brings cross-border cooperation', () => {
    const ids = new Set(KNOWLEDGE.concerns.concerns.map((c) => c.id));
    const items = readFileSync(projectPath('training', 'concerns-train.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; writer?: string; gold: { relevant: boolean; concerns: string[] } });
    expect(items.length).toBeGreaterThan(300);
    // Ids are unique and every item names its writer, so a writer can be held out whole.
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    for (const item of items) {
      expect(item.writer, item.id).toMatch(/^W\d+$/);
      for (const c of item.gold.concerns) expect(ids.has(c), c).toBe(true);
      if (!item.gold.relevant) expect(item.gold.concerns).toEqual([]);
      if (item.gold.concerns.includes('dual-criminality')) expect(item.gold.concerns).toContain('cross-border-cooperation');
    }
  });
});

describe('cross-validation', () => {
  it('puts every item in exactly one fold, by id alone', () => {
    expect(foldOf('x-1', 5)).toBe(foldOf('x-1', 5));
    for (let i = 0; i < 50; i++) expect(foldOf(`x-${i}`, 5)).toBeGreaterThanOrEqual(0);
  });

  it('holds out every item once and scores micro and macro F1', () => {
    const path = join(dir, 'cv.jsonl');
    const rows: string[] = [];
    for (let i = 0; i < 30; i++) rows.push(line(`cv-${i}`, i % 2 ? 'A fund for training police in poorer states' : 'Delegates called a recorded vote', i % 2 ? ['technical-assistance'] : ['process']));
    writeFileSync(path, rows.join('\n') + '\n');
    const items = readLabelled(path, 'cv', false, KNOWLEDGE);
    const heldOut = crossValidate(items, KNOWLEDGE.concerns, 3, 0);
    expect(heldOut.map((h) => h.item.id).sort()).toEqual(items.map((i) => i.id).sort());
    expect(scoreConcernSets([{ gold: ['scope'], predicted: ['scope'] }, { gold: ['process'], predicted: [] }])).toEqual({ micro: 2 / 3, macro: 0.5 });
  });

  it('holds out each writer whole, never training on the writer it predicts', () => {
    const path = join(dir, 'groups.jsonl');
    const rows: string[] = [];
    // Each writer uses a word of its own; W1 alone raises process, the others technical assistance.
    for (let i = 0; i < 36; i++) {
      const writer = ['W1', 'W2', 'W3'][i % 3]!;
      const concerns = writer === 'W1' ? ['process'] : ['technical-assistance'];
      rows.push(JSON.stringify({ id: `g-${i}`, writer, title: `${writer.toLowerCase()}word`, text: '', gold: { relevant: true, concerns } }));
    }
    writeFileSync(path, rows.join('\n') + '\n');
    const items = readLabelled(path, 'corpus', false, KNOWLEDGE);
    const process = KNOWLEDGE.concerns.concerns.findIndex((c) => c.id === 'process');
    const byGroup = crossValidateByGroup(items, KNOWLEDGE.concerns, ['corpus W1', 'corpus W2'], 0);
    // Only the named groups are held out; W3 always trains.
    expect(byGroup.map((h) => h.item.id).sort()).toEqual(items.filter((i) => i.source !== 'corpus W3').map((i) => i.id).sort());
    // Held out whole, W1's word was never seen, so nothing points its items at process.
    const w1 = byGroup.filter((h) => h.item.source === 'corpus W1');
    expect(w1).toHaveLength(12);
    for (const h of w1) expect(h.logits[process]!).toBeLessThan(0);
    // Folds by id mix the writers, and the same items then learn process from their own writer's word.
    const byId = crossValidate(items, KNOWLEDGE.concerns, 3, 0).filter((h) => h.item.source === 'corpus W1');
    expect(byId.every((h) => h.logits[process]! > 0)).toBe(true);
  });
});
