import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAS_SHARED_DATA, SHARED_DATA_DIR, SHARED_DATA_SKIP } from '../helpers/shared-data.js';
import { extractChapterMentions, extractMentions } from '../../src/refs/extract-mentions.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const SEEDS_DIR = join(SHARED_DATA_DIR, 'seeds');

/** Reads the seed whose file name starts with `prefix`. */
function readSeed(prefix: string): string {
  const name = readdirSync(SEEDS_DIR).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`no seed ${prefix}`);
  return readFileSync(`${SEEDS_DIR}/${name}`, 'utf8');
}

// Dates read from the documents themselves: the EFF series part V and the GI-TOC brief came out
// for the sixth session (August 2023), the joint statement after it (September 2023), the EU appeal
// days before the reconvened concluding session (July 2024). The campaign page carries no date.
const SEEDS = [
  {
    prefix: '000', published: '2023-08-21',
    present: ['24', '2', '35', '36', '36.1', '40.1', '40.3', '40.3.h', '40.4', '40.6', '40.7', '40.8', '40.21', '41', '45', '46', '29', '30', '47.1', '47.1.b', '47.1.f', '47.1.c', '4', '7', '17'],
    absent: ['19', '6', '16.1'],
  },
  { prefix: '001', published: null, present: ['24'], absent: ['19'] },
  {
    prefix: '002', published: '2024-07-25',
    present: ['4', '6', '18', '19', '24', '24.1', '24.2', '23.4', '28', '28.1', '28.2', '28.3', '28.4', '29', '30', '40', '40.22', '36.1.b', '36.1.c', '36.2', '2.b', '25', '25.2', '25.3', '27', '27.a', '41', '42.1', '44', '44.1', '47'],
    absent: ['38'],
  },
  {
    prefix: '003', published: '2023-08-01',
    present: ['4', '21', '23', '24', '35', '36', '40', '40.21', '41', '42', '43', '44', '45', '46'],
    absent: ['19'],
  },
  { prefix: '004', published: '2023-09-20', present: ['28.4'], absent: ['19'] },
];

describe.skipIf(!HAS_SHARED_DATA)(`extractMentions on the seed documents${SHARED_DATA_SKIP}`, () => {
  it.each(SEEDS)('finds the hand-labelled references in seed $prefix', ({ prefix, published, present, absent }) => {
    const refs = new Set(extractMentions(readSeed(prefix), { knowledge: KNOWLEDGE, published }).map((m) => m.ref));
    for (const ref of present) expect(refs, `expected ${ref}`).toContain(ref);
    for (const ref of absent) expect(refs, `unexpected ${ref}`).not.toContain(ref);
  });

  it('reads the 2023 analyses in zero-draft numbering: "the infamous Article 17" is final Article 4', () => {
    const mention = extractMentions(readSeed('000'), { knowledge: KNOWLEDGE, published: '2023-08-21' }).find((m) => m.sentence.includes('infamous Article 17'));
    expect(mention).toMatchObject({ ref: '4', cited_as: '17', version: 'zero' });
  });

  it('keeps the Law Enforcement Directive article out and the Convention article in, in the same passage', () => {
    const mentions = extractMentions(readSeed('002'), { knowledge: KNOWLEDGE, published: '2024-07-25' });
    const passage = mentions.filter((m) => m.sentence.includes('Law Enforcement Directive'));
    expect(passage.map((m) => m.ref)).not.toContain('38');
    expect(mentions.some((m) => m.raw === 'Article 36(1)(c)')).toBe(true);
  });

  it('does not count the NGO listed among the signatories', () => {
    const mentions = extractMentions(readSeed('004'), { knowledge: KNOWLEDGE, published: '2023-09-20' });
    expect(mentions.filter((m) => m.sentence.includes('Human Rights Watch'))).toEqual([]);
  });

  it('finds the chapters the GI-TOC brief discusses', () => {
    const chapters = new Set(extractChapterMentions(readSeed('003'), KNOWLEDGE.instruments).map((c) => c.chapter));
    for (const chapter of ['II', 'IV', 'V', 'VII']) expect(chapters).toContain(chapter);
  });
});
