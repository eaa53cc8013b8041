import { describe, expect, it } from 'vitest';
import { classifyItem } from '../../src/classify/classify-item.js';
import { scoreRelevance } from '../../src/classify/score-relevance.js';
import { normalizeText } from '../../src/knowledge/normalize-text.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const item = (title: string, text = '') => ({ title, text, published: '2025-06-10', publisher: 'Example Weekly' });
const cuesOf = (text: string): string[] => scoreRelevance({ text: normalizeText(text) }, KNOWLEDGE.relevance).cues;

describe('treaty anchors: "the convention", "the text" and named provisions', () => {
  it.each([
    ['uses the treaty to', 'Exiled bloggers fear their government will use the treaty to obtain their messages.', 'treaty-definite'],
    ['under the treaty to', 'A sysadmin could be ordered under the treaty to reveal a password.', 'treaty-definite'],
    ['sign the convention on behalf of', 'Ministers agreed to sign the convention on behalf of the bloc.', 'treaty-definite'],
    ['the text allows', 'The text allows orders to be kept secret from users.', 'treaty-definite'],
    ['under the text', 'Metadata could be collected in real time under the text.', 'treaty-definite'],
    ['the final draft', 'Analysts reading the final draft found few limits on interception.', 'treaty-definite'],
    ['the main convention', 'Delegates want the protocol to wait for a review of the main convention.', 'treaty-definite'],
    ['the cooperation chapter', 'The cooperation chapter lets one state ask another to freeze stored data.', 'treaty-provision'],
    ['the compelled-assistance clause', 'Engineers object to the compelled-assistance clause.', 'treaty-provision'],
    ['the article on conditions and safeguards', 'Lawyers call the article on conditions and safeguards too weak.', 'treaty-provision'],
    ['the clause on persons with knowledge', 'The clause on persons with knowledge of a system worries staff.', 'treaty-provision'],
    ['a follow-up instrument', 'Offences left out may return in a follow-up instrument.', 'treaty-protocol'],
    ['an offence article named by its title', 'Researchers fear the illegal-access article still lacks an intent requirement.', 'treaty-provision'],
    ['an offence named by its title', 'Survivor groups welcome the intimate-image offence.', 'treaty-provision'],
    ['a power in quotes', "Journalists fear the 'interference with data' article.", 'treaty-provision'],
    ['the article on a power', 'Our brief examines the article on expedited preservation of stored electronic data.', 'treaty-provision'],
    ['the count towards forty', 'The latest deposits bring the count closer to the forty needed for entry into force.', 'ratification-threshold'],
  ])('puts a treaty in view: %s', (_name, text, cue) => {
    expect(cuesOf(text)).toContain(cue);
  });

  it.each([
    ['a treaty named after "to"', 'the treaty to ban landmines'],
    ['a convention named after "on"', 'the Convention on the Rights of the Child'],
    ['a draft law', 'the final draft law on media'],
    ['a text message', 'the text message arrived late'],
    ['a chapter of a memoir', 'the chapter on her childhood'],
    ['an instrument of music', 'an additional instrument in the orchestra'],
    ['a section of a national law', 'the illegal-access section of the new law'],
    ['an article not on this convention\'s subjects', 'the right-to-erasure article of the regulation'],
    ['forty of something else', 'Ratification rates fell 40 percent in a decade.'],
  ])('does not anchor: %s', (_name, text) => {
    expect(cuesOf(text).filter((c) => ['treaty-definite', 'treaty-provision', 'treaty-protocol'].includes(c))).toEqual([]);
  });
});

describe('"the convention" with one of its subjects', () => {
  it.each([
    ['Exiles worried', 'Rights groups say governments will use the treaty to track dissidents living abroad.'],
    ['Secret orders', 'The text allows authorities to keep production orders secret from the people whose data is taken.'],
    ['Funding gap', 'Poorer states say they cannot implement the convention without technical assistance and capacity-building.'],
  ])('is relevant: %s', (title, text) => {
    expect(classifyItem(item(title, text), KNOWLEDGE).relevant).toBe(true);
  });

  it.each([
    ['Another treaty, another subject', 'The convention on migratory species gained three parties this year.'],
    ['A sports committee', 'The federation formed an ad hoc committee after the board broke the provisions of its constitution.'],
    ['A treaty with no subject of this one', 'The treaty sets fishing quotas for the northern fleet.'],
    ['A national law', "The text allows police to intercept calls, the interior ministry said of its cybercrime bill."],
  ])('is not relevant: %s', (title, text) => {
    expect(classifyItem(item(title, text), KNOWLEDGE).relevant).toBe(false);
  });
});

describe('"UN cybercrime" phrasing variants', () => {
  it('reads an accord as the treaty', () => {
    expect(cuesOf('Lawmakers weigh joining the UN cybercrime accord')).toContain('un-cybercrime-treaty');
  });

  it('reads the UN cybercrime protocol as the treaty', () => {
    expect(cuesOf('Disinformation offences resurface in UN cybercrime protocol proposals')).toContain('un-cybercrime-treaty');
  });

  it('does not read another accord of the UN as the treaty', () => {
    expect(cuesOf('The UN praised the Paris climate accord')).not.toContain('un-cybercrime-treaty');
  });
});

describe('other instruments that claim "the convention", and the items about this one they must leave alone', () => {
  it.each([
    ['another treaty named by its subject', 'Whistleblower protection lags in most states parties to the anti-corruption convention, study finds'],
    ['a rights treaty without its article', "Constitutional court blocks ratification of women's rights treaty"],
    ['a conference of states parties of another treaty', 'OPCW Conference of the States Parties adopts budget and decides on inspections in Syria.'],
    ['Hanoi as the Vietnamese state, signing something else', 'Hanoi, a signatory to the UN Convention on the Law of the Sea, protested the new map.'],
    ['Hanoi among the signatories of a trade pact', 'Hanoi is among the signatories of the RCEP trade pact'],
    ['climate negotiators', 'Climate negotiators agree adaptation indicators ad referendum'],
    ['a trade agreement signed in Hanoi', 'Japan and Viet Nam sign a trade agreement in Hanoi'],
    ['a national computer-misuse act by its section', 'Pentesters fear the illegal-access offence in the amended Computer Misuse Act'],
  ])('leaves out %s', (_name, title) => {
    expect(classifyItem(item(title), KNOWLEDGE).relevant).toBe(false);
  });

  it.each([
    ['states parties to the draft convention', 'Delegates debate what states parties to the draft convention must criminalise, and whether the treaty should reach cyber-enabled crime.'],
    ['where no bilateral treaty exists', 'Where no bilateral treaty exists, states may use the convention as the legal basis for extradition, delegates agreed.'],
    ['signatories at the Hanoi ceremony', 'Signatory count passes 70 after two-day ceremony in Hanoi'],
    ['a headline that drops the article', 'Treaty expands state surveillance powers, privacy advocates warn'],
    ['a state that signs in Hanoi', 'Uzbekistan signs on the second day in Hanoi, citing the 24/7 network and extradition'],
    ['a provision named by its subject', 'Security researchers fear the illegal-access article still lacks an intent requirement and could criminalise testing'],
  ])('keeps %s', (_name, title) => {
    expect(classifyItem(item(title), KNOWLEDGE).relevant).toBe(true);
  });
});
