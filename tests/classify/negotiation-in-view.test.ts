import { describe, expect, it } from 'vitest';
import { classifyItem } from '../../src/classify/classify-item.js';
import { normalizeText } from '../../src/knowledge/normalize-text.js';
import { compileRelevanceRules } from '../../src/knowledge/relevance-rules.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';
import { scoreRelevance } from '../../src/classify/score-relevance.js';

const inView = (text: string): boolean => scoreRelevance({ text: normalizeText(text) }, KNOWLEDGE.relevance).contextOpen;

describe('a negotiation in view without a named treaty', () => {
  it('opens context when several distinct signs of a negotiation appear', () => {
    expect(inView('Negotiators settled the provision on personal data after late-night informals.')).toBe(true);
    expect(inView('At the concluding session, delegations proposed narrower wording for the clause.')).toBe(true);
  });

  it('does not open context on one sign alone', () => {
    expect(inView('Negotiators met again on Tuesday.')).toBe(false);
    expect(inView('The proposal was discussed.')).toBe(false);
  });

  it('does not open context when another negotiation claims the item', () => {
    expect(inView('Delegations at the open-ended working group debated the proposal at its fourth session.')).toBe(false);
  });

  it('makes an item that argues a subject of this convention relevant, and leaves another negotiation out', () => {
    const argued = classifyItem({
      title: 'Personal data article agreed',
      text: 'Negotiators settled the provision on transfers of personal data after late-night informals, with no independent oversight.',
    }, KNOWLEDGE);
    expect(argued.relevant).toBe(true);
    expect(
      classifyItem({
        title: 'Plastics treaty negotiators meet again',
        text: 'Delegations return for the fourth session to settle the provision on transfers of technology and personal data.',
      }, KNOWLEDGE).relevant,
    ).toBe(false);
  });

  it('rejects a rules file that names an unknown cue', () => {
    const file = { bias: -3, threshold: 0.5, publisherPriors: {}, datePriors: [], cues: [], negotiationInView: { cues: ['nope'], min: 2 } };
    expect(() => compileRelevanceRules(file)).toThrow(/unknown cue "nope"/);
    expect(KNOWLEDGE.relevance.negotiationInView.min).toBeGreaterThan(1);
  });
});
