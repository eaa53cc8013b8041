import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { joinTitleAndText } from '../../src/classify/classify-item.js';
import { compilePattern, normalizeText } from '../../src/knowledge/normalize-text.js';
import { requiredLiterals } from '../../src/knowledge/required-literals.js';
import { mayContainAny, textTrigrams, trigramKeys } from '../../src/knowledge/trigram-filter.js';
import { HAS_SHARED_DATA, SHARED_DATA_DIR, SHARED_DATA_SKIP } from '../helpers/shared-data.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

describe('requiredLiterals', () => {
  it.each([
    ['\\bconvention against cyber[- ]?crimes?', ['convention against cyber']],
    ['cyber[- ]?crime (?:ahc|treaty committee)', ['crime ']],
    ['\\bha ?noi\\b[^.]{0,60}?(?:signing|signature)', ['signing', 'signature']],
    // Of equally long strings the first wins.
    ['(?:\\bun\\b|united nations) (?:treaty|convention)|cyber\\p{L}* pact', ['treaty', 'convention', 'cyber']],
    ['a\\/ac\\.291\\b', ['a/ac.291']],
    // Zero-width parts keep the letters around them adjacent.
    ['safe(?<!x)guard\\b', ['safeguard']],
    // Astral characters stay whole, so an optional one is not half required.
    ['abc😀?def', ['abc']],
  ])('reads %s', (pattern, expected) => {
    expect(requiredLiterals(compilePattern(pattern))).toEqual(expected);
  });

  it.each([
    ['optional groups require nothing', '(?:treaty)?\\s\\d+'],
    ['a branch without a literal', 'convention|\\d{4}'],
    ['short strings only', '\\bun\\b|\\bicc\\b'],
    ['back-references', '(abc)def\\1'],
    ['case-insensitive patterns', /convention/i],
    ['a class of letters', '[abc]+'],
  ])('gives no list for %s', (_name, pattern) => {
    expect(requiredLiterals(typeof pattern === 'string' ? compilePattern(pattern) : pattern)).toBeNull();
  });

  it('never rules out a text that a shipped relevance cue matches', () => {
    const texts = [
      'The UN Convention against Cybercrime, adopted by the Ad Hoc Committee at its concluding session, opens for signature in Ha Noi.',
      'Delegations at the AHC8 debated Article 28(4); the Budapest Convention has no such clause. Ratification follows.',
      'La convention des Nations Unies contre la cybercriminalité. 联合国打击网络犯罪公约。Конвенция ООН против киберпреступности.',
    ];
    checkCues(texts.map((t) => normalizeText(t)));
  });

  describe.skipIf(!HAS_SHARED_DATA)(`on the labelled sets${SHARED_DATA_SKIP}`, () => {
    it('never rules out a labelled text that a shipped relevance cue matches', () => {
      const texts: string[] = [];
      for (const file of readdirSync(`${SHARED_DATA_DIR}eval`).filter((n) => n.endsWith('.jsonl'))) {
        for (const line of readFileSync(`${SHARED_DATA_DIR}eval/${file}`, 'utf8').split('\n').filter((l) => l.trim() !== '')) {
          const o = JSON.parse(line) as { title?: string; text?: string };
          texts.push(normalizeText(joinTitleAndText(o.title ?? '', o.text ?? '')));
        }
      }
      expect(checkCues(texts)).toBeGreaterThan(100);
    });
  });
});

// Every match of every cue contains one of the cue's literals; returns how many matches were checked.
function checkCues(texts: readonly string[]): number {
  let matches = 0;
  for (const cue of KNOWLEDGE.relevance.cues) {
    expect(cue.literals).toEqual(requiredLiterals(cue.regex));
    if (cue.literals === null) continue;
    const all = new RegExp(cue.regex.source, cue.regex.flags + 'g');
    for (const text of texts) {
      for (const m of text.matchAll(all)) {
        matches++;
        expect(cue.literals.some((l) => m[0].includes(l)), `${cue.id} matched "${m[0]}" without ${JSON.stringify(cue.literals)}`).toBe(true);
      }
    }
  }
  return matches;
}

describe('trigram filter', () => {
  it('says maybe for every string the text contains, in any script', () => {
    const text = normalizeText('Delegates in Hà Nội signed the 联合国打击网络犯罪公约 and the конвенция; ratification follows.');
    for (let start = 0; start + 3 <= text.length; start += 2) {
      for (const length of [3, 5, 9]) {
        const piece = text.slice(start, start + length);
        if (piece.length >= 3) expect(mayContainAny(textTrigrams(text), [trigramKeys(piece)]), piece).toBe(true);
      }
    }
  });

  it('rules out strings the text does not contain', () => {
    const set = textTrigrams('the convention opened for signature');
    expect(mayContainAny(set, [trigramKeys('budapest'), trigramKeys('ransomware')])).toBe(false);
    expect(mayContainAny(set, [trigramKeys('budapest'), trigramKeys('signature')])).toBe(true);
  });
});
