import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyItem } from '../../src/classify/classify-item.js';
import { normalizeText } from '../../src/knowledge/normalize-text.js';
import { onlyInComparisons, scoreRelevance } from '../../src/classify/score-relevance.js';
import { projectPath } from '../../src/project-path.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const item = (title: string, text = '', published = '2025-03-02') => ({ title, text, published, publisher: 'Example Weekly' });

describe('relevance from citations read in context', () => {
  it.each([
    ['Article 27 lets police search and seize a laptop without telling its owner, delegates were told.', ['27']],
    ['Speakers at the side event said the network of Article 41 must answer around the clock in every capital.', ['41']],
    ['Article 36 on the protection of personal data drew criticism from privacy regulators.', ['36']],
  ])('keeps an unnamed-treaty citation whose context agrees with the article: %s', (text, articles) => {
    const r = classifyItem(item('Notes from the week', text), KNOWLEDGE);
    expect(r.relevant).toBe(true);
    expect(r.articles).toEqual(articles);
  });

  it.each([
    'Article 12 of the lease says the tenant pays for repairs.',
    'The new privacy bill: Article 5 sets out the duties of data controllers.',
    'Article 3 applies from June, the company said in its terms of service update.',
  ])('does not make an item relevant from a citation alone: %s', (text) => {
    expect(classifyItem(item('Weekly round-up', text), KNOWLEDGE).relevant).toBe(false);
  });
});

describe('negative cues inform but do not veto', () => {
  // Each text is about this convention and names another instrument only to compare.
  it.each([
    ['Compelled help with no Budapest counterpart', 'Article 28(4) of the new UN treaty has no Budapest Convention counterpart, negotiators admitted.'],
    ['A wider net', "Unlike Jordan's 2023 cybercrime law, the convention at least names proportionality, delegations noted."],
    ['Borrowed wording', 'The treaty’s interception powers were modelled on the Budapest Convention, critics said as the draft went to states for ratification.'],
  ])('keeps a comparison relevant: %s', (title, text) => {
    const r = classifyItem(item(title, text), KNOWLEDGE);
    expect(r.relevant).toBe(true);
  });

  it('still subtracts a negative cue that names the subject', () => {
    const text = normalizeText('The Budapest Convention committee adopted a guidance note on production orders and safeguards.');
    const verdict = scoreRelevance({ text, published: '2025-03-02' }, KNOWLEDGE.relevance);
    expect(verdict.relevant).toBe(false);
    expect(verdict.cues).toContain('budapest-convention');
  });

  it('tells a comparison from a subject', () => {
    const budapest = KNOWLEDGE.relevance.cues.find((c) => c.id === 'budapest-convention')!.regex;
    expect(onlyInComparisons(budapest, normalizeText('unlike the budapest convention, the treaty covers any serious crime'))).toBe(true);
    expect(onlyInComparisons(budapest, normalizeText('it has no budapest convention counterpart'))).toBe(true);
    expect(onlyInComparisons(budapest, normalizeText('the budapest convention turns 25 this year'))).toBe(false);
    expect(onlyInComparisons(budapest, normalizeText('unlike the budapest convention, ... the budapest convention turns 25'))).toBe(false);
  });

  it('reads "like", "akin to" and "closely tracks" as comparisons, and "like" only right before the name', () => {
    const other = KNOWLEDGE.relevance.cues.find((c) => c.id === 'other-convention')!.regex;
    expect(onlyInComparisons(other, normalizeText("a peer-review mechanism like the anti-corruption treaty's"))).toBe(true);
    expect(onlyInComparisons(other, normalizeText('the asset-recovery chapter closely tracks the older anti-corruption treaty'))).toBe(true);
    expect(onlyInComparisons(other, normalizeText('a review mechanism akin to the anti-corruption convention'))).toBe(true);
    expect(onlyInComparisons(other, normalizeText('chapter borrows heavily from the anti-corruption convention'))).toBe(true);
    expect(onlyInComparisons(other, normalizeText('countries like Russia and Brazil back the anti-corruption convention'))).toBe(false);
  });

  it('counts the vocabulary of a treaty only when a treaty is in view and nothing else claims it', () => {
    const alone = scoreRelevance({ text: normalizeText('Police gained new powers to intercept traffic data and seize phones, with judicial authorisation.') }, KNOWLEDGE.relevance);
    expect(alone.cues).not.toContain('subjects-powers');
    const anchored = scoreRelevance({ text: normalizeText('The draft would let police intercept traffic data, delegations said.') }, KNOWLEDGE.relevance);
    expect(anchored.cues).toEqual(expect.arrayContaining(['treaty-definite', 'subjects-powers', 'negotiation-actors']));
    expect(anchored.relevant).toBe(true);
    const claimed = scoreRelevance({ text: normalizeText('The draft of the Budapest Convention protocol lets police intercept traffic data, delegations said.') }, KNOWLEDGE.relevance);
    expect(claimed.cues).not.toContain('subjects-powers');
    expect(claimed.relevant).toBe(false);
  });
});

describe('instruments.json and relevance-rules.json agree', () => {
  const file = JSON.parse(readFileSync(projectPath('knowledge', 'instruments.json'), 'utf8')) as { this_treaty: string[]; others: { id: string; cues: string[] }[] };

  it.each(file.this_treaty)('a name the binder gives this convention (%s) counts for relevance too', (name) => {
    const phrase = /^(?:the|this)\b/i.test(name) || /^A\//.test(name) ? name : `the ${name}`;
    const verdict = scoreRelevance({ text: normalizeText(`${phrase} was discussed`) }, KNOWLEDGE.relevance);
    const positive = KNOWLEDGE.relevance.cues.filter((c) => c.weight > 0 && verdict.cues.includes(c.id));
    expect(positive.map((c) => c.id)).not.toEqual([]);
  });

  it.each(['budapest', 'budapest-protocols', 'untoc', 'uncac', 'echr'])('the names of %s, a competing instrument, count against relevance', (id) => {
    const cues = file.others.find((o) => o.id === id)!.cues.filter((c) => !/^[A-Z]{2,}$/.test(c) || c.length > 3);
    const rules = KNOWLEDGE.relevance.cues.filter((c) => c.weight < 0);
    const caught = cues.filter((c) => rules.some((r) => r.regex.test(normalizeText(c))));
    expect(caught.length).toBeGreaterThan(0);
  });
});
