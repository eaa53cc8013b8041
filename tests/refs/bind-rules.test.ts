/**
 * Binder rules, one table per rule: each row is [text, expected refs bound to this convention]. The
 * counter-examples sit beside the examples, so a rule that over-reaches fails here.
 */
import { describe, expect, it } from 'vitest';
import { extractMentions } from '../../src/refs/extract-mentions.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const refs = (text: string, published = '2025-03-01') => [...new Set(extractMentions(text, { knowledge: KNOWLEDGE, published }).map((m) => m.ref))];

const TABLES: Record<string, [string, string[]][]> = {
  'a possessive or relative back-reference binds to the instrument it points back to': [
    ['The Malabo Convention, whose Article 29 covers content offences, was never widely ratified.', []],
    ["Jordan's 2023 cybercrime law, whose article 15 punishes posts, shows the risk.", []],
    ['The decree, in its Article 24, bans anonymous accounts.', []],
    ['Activists cite the Penal Code and its Article 301 on insulting the nation.', []],
    // counter-examples: the antecedent is this convention, or there is none in the sentence
    ['The UN convention, whose Article 24 sets conditions and safeguards, is weak.', ['24']],
    ['The Convention against Cybercrime and its Article 28(4) worry engineers.', ['28.4']],
    ['Lawyers doubt it, since its Article 36 lets a state decline transfers.', ['36']],
    ['The new convention, whose Article 40 governs assistance, was adopted by consensus.', ['40']],
  ],
  'an instrument named right after the number binds the citation': [
    ['Transfers need a legal basis under Article 48 GDPR.', []],
    ['Article 17 ICCPR protects privacy.', []],
    ['Article 8 ECHR case law requires foreseeability.', []],
    // counter-examples: a word that is not an instrument, or this convention's own name
    ['Article 24 safeguards are weak.', ['24']],
    ['Article 28(4) UNCC obligations reach engineers.', ['28.4']],
  ],
  'a law the tables do not know stays unbound': [
    ['Article 19(2) of the Constitution allows restrictions on speech.', []],
    ["Article 12 of Kenya's Computer Misuse and Cybercrimes Act punishes false publication.", []],
    ['Article 5 of the new Press and Publications Law was amended.', []],
    ['Article 24 of the convention and ICCPR Article 17 both matter.', ['24']],
    // counter-examples: this convention named, or nothing named at all
    ['Article 12 of the convention and Article 13 cover fraud.', ['12', '13']],
    ['Article 27 lets police search devices.', ['27']],
  ],
  'draft renumbering applies only to citations bound to this convention': [
    ["Article 5 of Jordan's 2023 law criminalises posts.", []],
    ['Article 10 of the penal code was cited by the court.', []],
    // counter-examples: bound to this convention, so the zero-draft number is mapped
    ['Article 5 of the zero draft covers human rights.', ['6']],
    ['Article 10 of the zero draft, on misuse of devices, worries researchers.', ['11']],
  ],
  'a number another instrument owns in the same item needs positive evidence': [
    ['GDPR Article 48 requires an international agreement. Is the treaty an Article 48 agreement?', []],
    // counter-examples: positive evidence, or a different number
    ['GDPR Article 48 requires an agreement, and Article 48 of the convention covers joint investigations.', ['48']],
    ['GDPR Article 6 applies to the police; Article 24 of the draft is weaker.', ['24']],
  ],
};

describe('binder rules', () => {
  for (const [rule, rows] of Object.entries(TABLES)) {
    describe(rule, () => {
      it.each(rows)('%s', (text, expected) => {
        const published = /zero draft/.test(text) || /Jordan|penal code/.test(text) ? '2023-09-15' : '2025-03-01';
        expect(refs(text, published)).toEqual(expected);
      });
    });
  }
});
