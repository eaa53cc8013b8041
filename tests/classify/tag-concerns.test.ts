import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/knowledge/normalize-text.js';
import { tagConcerns } from '../../src/classify/tag-concerns.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const rules = KNOWLEDGE.concerns;
const NONE = new Set<number>();

describe('concern taxonomy (knowledge/concerns.json)', () => {
  it('has the sixteen stable ids of the design', () => {
    expect(rules.concerns.map((c) => c.id).sort()).toEqual([
      'compelled-assistance', 'cross-border-cooperation', 'data-protection', 'dual-criminality', 'expression',
      'gender-lgbtq', 'good-faith-actors', 'process', 'protocol', 'ratification', 'safeguards', 'scope',
      'stored-data-powers', 'surveillance', 'technical-assistance', 'transnational-repression',
    ]);
  });

  for (const concern of rules.concerns) {
    it(`tags ${concern.id} on its examples and not on its counterexamples`, () => {
      expect(concern.name.length).toBeGreaterThan(0);
      expect(concern.examples.length).toBeGreaterThan(0);
      expect(concern.counterexamples.length).toBeGreaterThan(0);
      for (const example of concern.examples) expect(tagConcerns(normalizeText(example), NONE, KNOWLEDGE.concerns), example).toContain(concern.id);
      for (const counter of concern.counterexamples) expect(tagConcerns(normalizeText(counter), NONE, KNOWLEDGE.concerns), counter).not.toContain(concern.id);
    });
  }

  it('links only to articles of the final text', () => {
    for (const concern of rules.concerns) for (const a of concern.articles) expect(a >= 1 && a <= 68, `${concern.id} ${a}`).toBe(true);
  });
});

describe('tagConcerns', () => {
  it('never tags a concern only because a linked article is cited', () => {
    const cited = new Set([24, 28, 29, 30, 36, 40]);
    expect(tagConcerns(normalizeText('Delegates discussed the text of the convention.'), cited, KNOWLEDGE.concerns)).toEqual([]);
  });

  it('lets a cited linked article lift a weak cue over the threshold', () => {
    const text = normalizeText('Delegates argued over the protocols.');
    expect(tagConcerns(text, NONE, KNOWLEDGE.concerns)).not.toContain('protocol');
    expect(tagConcerns(text, new Set([62]), KNOWLEDGE.concerns)).toContain('protocol');
  });

  it('asks more of a long analysis than of a feed entry before tagging', () => {
    const passing = 'The treaty mentions encryption keys once. ';
    const filler = 'Delegates met in New York to discuss the text line by line. '.repeat(150);
    expect(tagConcerns(normalizeText(passing), NONE, KNOWLEDGE.concerns)).toContain('compelled-assistance');
    expect(tagConcerns(normalizeText(passing + filler), NONE, KNOWLEDGE.concerns)).not.toContain('compelled-assistance');
    expect(tagConcerns(normalizeText(passing + filler + passing), NONE, KNOWLEDGE.concerns)).toContain('compelled-assistance');
  });

  it('tags several concerns raised by one headline', () => {
    const tags = tagConcerns(normalizeText('How The UN’s Cybercrime Convention Draft Is a Threat To Free Speech and Privacy Online'), NONE, KNOWLEDGE.concerns);
    expect(tags).toEqual(expect.arrayContaining(['expression', 'surveillance']));
  });
});

describe('implied concerns', () => {
  it('brings cross-border-cooperation with dual criminality, and only then', () => {
    expect(tagConcerns(normalizeText('The text makes double criminality optional.'), new Set(), KNOWLEDGE.concerns)).toEqual(['dual-criminality', 'cross-border-cooperation']);
    expect(tagConcerns(normalizeText('Help may be refused where the act is not a crime under its own law.'), new Set(), KNOWLEDGE.concerns)).toContain('cross-border-cooperation');
    expect(tagConcerns(normalizeText('The text keeps gender references.'), new Set(), KNOWLEDGE.concerns)).not.toContain('cross-border-cooperation');
  });
});
