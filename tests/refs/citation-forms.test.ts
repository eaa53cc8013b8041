import { describe, expect, it } from 'vitest';
import { extractMentions } from '../../src/refs/extract-mentions.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

/** Ranges of letters and paragraphs, the section sign, and article ranges expanded in full: [text, refs]. */
const FORMS: [string, string][] = [
  ['Article 47(1)(a)-(c) lists the channels.', '47.1.a 47.1.b 47.1.c'],
  ['Article 40(21)(a)–(d) sets out the grounds.', '40.21.a 40.21.b 40.21.c 40.21.d'],
  ['Article 40(21)(a) to (c) and (f) apply.', '40.21.a 40.21.b 40.21.c 40.21.f'],
  ['Article 24(1)-(2) leaves safeguards to domestic law.', '24.1 24.2'],
  ['Article 36 § 1 covers personal data.', '36.1'],
  ['Article 36 §2 covers onward transfers.', '36.2'],
  ['Articles 35 to 52 govern cooperation.', '35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52'],
  ['Articles 23 to 52 are procedural.', '23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52'],
];

describe('extractMentions: ranges and the section sign', () => {
  it.each(FORMS)('reads %j as %j', (text, expected) => {
    expect(extractMentions(text, { knowledge: KNOWLEDGE, published: '2024-09-01' }).map((m) => m.ref).join(' ')).toBe(expected);
  });
});
