import { describe, expect, it } from 'vitest';
import { extractMentions } from '../../src/refs/extract-mentions.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const FINAL_ERA = '2024-09-01';
const ZERO_ERA = '2023-09-15';

/** [text, expected final refs in order, space separated ("" for none)] for an item from the final-text era. */
const FORMS: [string, string][] = [
  ['Article 28(4) lets authorities compel engineers.', '28.4'],
  ['Article 28.4 lets authorities compel engineers.', '28.4'],
  ['See Art. 28, para. 4 on compelled assistance.', '28.4'],
  ['under article 28 paragraph 4 of the treaty', '28.4'],
  ['Articles 28/4, 29, and 30 should be deleted.', '28.4 29 30'],
  ['Articles 45-46 extend interception abroad.', '45 46'],
  ['Articles 45–46 extend interception abroad.', '45 46'],
  ['Articles 45 to 46 extend interception abroad.', '45 46'],
  ['Articles 45 through 47 cover cooperation.', '45 46 47'],
  ['offences in Articles 7-11 need criminal intent', '7 8 9 10 11'],
  ['Article 47(1)(b)(f) bypasses safeguards.', '47.1.b 47.1.f'],
  ['Article 40(3)(h) covers any other assistance.', '40.3.h'],
  ['paragraph 22 of Article 40 sets the refusal grounds.', '40.22'],
  ['Article 40, paragraphs 21 and 22 list grounds for refusal.', '40.21 40.22'],
  ['Article 2(b) defines electronic data.', '2.b'],
  ['Arts. 24 and 36 are the only safeguards.', '24 36'],
  ['Article 24 (conditions and safeguards) is weak.', '24'],
  ['Articles 40(3) and (4) give broad powers.', '40.3 40.4'],
  ['the deletion of Articles 47(1)(b) and (f), aiming to', '47.1.b 47.1.f'],
  ['Article 40(6) and (7) deal with existing treaties.', '40.6 40.7'],
  ['safeguards under Article 23(1) and 24.', '23.1 24'],
  ["Article 41's 24/7 network is too broad.", '41'],
  ['Article 42 (1) (“International cooperation”) allows preservation.', '42.1'],
  ['Article 27(a)’s treatment of electronic data', '27.a'],
  ['ARTICLE 24 CONDITIONS AND SAFEGUARDS', '24'],
  ['article 24 applies', '24'],
  ['Art 28 (4) (b) is cited.', '28.4.b'],
  ['Art.28.4 again', '28.4'],
  ['Article 40, para 21.', '40.21'],
  ['Articles 24, 36 and 40 matter.', '24 36 40'],
  ['Articles 24, 36, or 40 matter.', '24 36 40'],
  ['Articles 24 & 36 matter.', '24 36'],
  ['Article 36(1)(c) of the Convention encourages agreements.', '36.1.c'],
  ['Article 25 of the proposed UN convention raises concerns.', '25'],
  ['Article 54 of the UN Convention against Cybercrime covers capacity-building.', '54'],
  ['Article 62 of this Convention allows protocols.', '62'],
  ['the Convention’s Article 24 is weak', '24'],
  ['the treaty’s Article 24 is weak', '24'],
  ['Article 24 safeguards do not apply to Article 47.', '24 47'],
  ['Article 47(1)(b)(ii) goes further.', '47.1.b'],
  ['Article 2 (a) and (b) define systems and data.', '2.a 2.b'],
  ['Articles 45/46 allow interception.', '45 46'],
  ['Article 53(3) protects researchers.', '53.3'],
  ['Article 64 opens the convention for signature.', '64'],
  ['Article 65 sets entry into force after 40 ratifications.', '65'],
  ['Article 68 names the Secretary-General depositary.', '68'],
  ['paragraphs 1 and 2 of Article 24 set the conditions', '24.1 24.2'],
  ['paragraph 4 of article 28 compels', '28.4'],
  ['Article 28, paragraph 4, subparagraph (b)', '28.4.b'],
  ['Article 2, subparagraph (b)', '2.b'],
  ['Article 40 requires assistance. For example, paragraph 22 sets a high bar.', '40 40.22'],
  ['Article 40 requires assistance; paragraphs 8 to 31 set rules.', '40 40'],
  ['Article 24\u00a0applies', '24'],
  ['Article\n24 applies across lines', '24'],
  ['Article 1 states the purpose; Article 68 ends the text.', '1 68'],
  ['Article 5 and 10 days later the session ended.', '5'],
  ['Article 29 and Article 30 allow real-time collection.', '29 30'],
  ['(Articles 29 and 30)', '29 30'],
  ['Article 17 covers laundering.', '17'],
  ['Article 4 – with its open-ended reference to other United Nations conventions', '4'],
  ['Article 6 requires respect for human rights.', '6'],
  ['We read Article 19 which requires intent.', '19'],
  ['Articles 6 to 16 of the convention as adopted', '6 7 8 9 10 11 12 13 14 15 16'],
  ['Article 28(4)(b), as drafted', '28.4.b'],
  ['Article 36(2) should be strengthened.', '36.2'],
  ['see Article 40(21).', '40.21'],
  ['Article 41 (24/7 network) would be an operational tool.', '41'],
  ['Article 42: Expedited preservation of stored data', '42'],
  ["Refusal on the grounds contained in Article 40, paragraph 21'.", '40.21'],
  ['Articles 1 to 16 define the crimes.', '1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16'],
  ['Articles 29 and 30 (real-time collection and interception)', '29 30'],
  ['Article 24(1)(a) and Article 24(2)', '24.1.a 24.2'],
  ['Article 14(2)(a) criminalizes possession.', '14.2.a'],
  ['the scope of Article 23 and Article 35', '23 35'],
  ['Article 40(8): Dual criminality in MLA', '40.8'],
  ['Article 47(1)(c): Delete artificial intelligence', '47.1.c'],
  ['Article 36(1): Protection of personal data.', '36.1'],
  ['Articles 25, 27 and 28 cover stored data.', '25 27 28'],
  ['Articles 25 to 28 cover stored data.', '25 26 27 28'],
  ['as required by Article 19, participation must be intentional', '19'],
  ['Article 57 creates the Conference of the States Parties.', '57'],
  ['Article 31 covers confiscation; Article 32 criminal records.', '31 32'],
  ['in Art. 53 (3) on preventive measures', '53.3'],
  ['Article 28 para. 4 (b) is narrower.', '28.4.b'],
];

/** Text that looks like a reference but is not one to this convention: [text, why]. */
const NEGATIVES: [string, string][] = [
  ['Article 19 of the ICCPR protects expression.', 'ICCPR after'],
  ['ICCPR Article 17 protects privacy.', 'ICCPR before'],
  ['the ICCPR’s Article 17 protects privacy', 'possessive instrument'],
  ['Article 17 of the International Covenant on Civil and Political Rights', 'covenant by name'],
  ['ARTICLE 19 said the treaty was dangerous.', 'NGO in capitals'],
  ['Article 19 said the treaty was dangerous.', 'NGO speaking'],
  ["Article 19's analysis of the draft", 'NGO possessive'],
  ['Article 19’s analysis of the draft', 'NGO curly possessive'],
  ['ARTICLE 19 and EFF warned delegates.', 'NGO with EFF'],
  ['Article 19 and EFF warned delegates.', 'NGO listed with EFF'],
  ['Human Rights Watch, Article 19, EFF and others signed.', 'NGO in a list'],
  ['as our ally Article 19 pointed out', 'NGO ally'],
  ['ARTICLE 19: Global Campaign for Free Expression', 'NGO heading'],
  ['Article 19, a free expression organization, warned', 'NGO described'],
  ['Article 38 of the EU Law Enforcement Directive allows derogations.', 'LED'],
  ['Article 38 of Directive (EU) 2016/680 allows derogations.', 'LED by number'],
  ['Budapest Convention article 15 sets conditions.', 'Budapest before'],
  ['Article 15 of the Budapest Convention sets conditions.', 'Budapest after'],
  ['Article 15 of the Convention on Cybercrime sets conditions.', 'Budapest official title'],
  ['Article 13 of the Second Additional Protocol to the Budapest Convention', 'second protocol'],
  ['GDPR Article 6 requires a lawful basis.', 'GDPR before'],
  ['Article 6 of the GDPR requires a lawful basis.', 'GDPR after'],
  ['Article 8 of the ECHR protects private life.', 'ECHR after'],
  ['Article 8 of the European Convention on Human Rights', 'ECHR by name'],
  ['UDHR Article 12 protects privacy.', 'UDHR before'],
  ['Article 12 of the Universal Declaration of Human Rights', 'UDHR by name'],
  ['Article 2 of the Charter prohibits the use of force.', 'charter'],
  ['Article 7 of the EU Charter protects private life.', 'EU charter'],
  ['Article 8 of the Charter of Fundamental Rights', 'EU charter by name'],
  ["Article 24 of Jordan's cybercrime law criminalizes speech.", 'national law'],
  ['Article 24 of Jordan’s Cybercrime Law No. 17', 'national law capitalised'],
  ['Article 12 of the Constitution protects privacy.', 'constitution'],
  ['Article 36 of the Vienna Convention on Consular Relations', 'Vienna'],
  ['Article 16 of the CRC protects the privacy of children.', 'CRC'],
  ['Article 16 of the Convention on the Rights of the Child', 'CRC by name'],
  ['Article 18 of the Palermo Convention covers mutual legal assistance.', 'UNTOC'],
  ['Article 18 of UNTOC covers mutual legal assistance.', 'UNTOC acronym'],
  ['Article 46 of UNCAC covers mutual legal assistance.', 'UNCAC'],
  ['Article 2 of the Malabo Convention', 'Malabo'],
  ['Article 6 of the Arab Convention', 'Arab convention'],
  ['Article 5 of the resolution decides to convene a session.', 'resolution'],
  ['Article 3 of the protocol lists new offences.', 'protocol'],
  ['Article 10 of the Digital Services Act', 'DSA'],
  ['Article 4 of the Council of Europe Convention', 'CoE'],
  ['Article 9 of the penal code', 'penal code'],
  ['the bill’s Article 5 criminalizes fake news', 'bill before'],
  ['Under the ICCPR, Article 17 protects privacy.', 'sentence topic'],
  ['Article 17 of the ICCPR protects privacy. Article 19 protects expression.', 'previous sentence topic'],
  ['The figure rose to 28.4 million users.', 'figure'],
  ['The session opened on 28.4.2024 in Vienna.', 'date'],
  ['Upgrade to version 2.4 today.', 'version number'],
  ['They met 24/7 for two weeks.', 'no keyword'],
  ['Section 24 of Nigeria’s Cybercrimes Act', 'section of a national act'],
  ['The articles published in 2024 were many.', 'no number'],
  ['Article 99 does not exist.', 'out of range'],
  ['Article 0 does not exist.', 'zero article'],
  ['Article 6bis was proposed.', 'bis'],
  ['Chapter V covers international cooperation.', 'chapter only'],
  ['paragraph 125 of the Council of Europe Explanatory Report', 'explanatory report'],
  ['paragraph 22 sets a high bar.', 'bare paragraph with no article'],
  ['Article 24 of the Budapest Convention and its Explanatory Report', 'Budapest art 24'],
  ['The state-of-the-art 5G network', 'art as a word'],
  ['Article 3 of the Arab Convention on Combating IT Offences', 'Arab convention by name'],
  ['Article 25 of the UN Charter binds members.', 'UN charter'],
  ['Article 20 of the ICESCR', 'ICESCR'],
  ['Article 2 of CEDAW', 'CEDAW'],
  ['Article 10 of the ECHR protects expression; Article 8 protects privacy.', 'ECHR list'],
  ['GDPR Article 46 allows transfers.', 'GDPR transfers'],
  ['Article 5 of the Nigerian Cybercrimes Act', 'Nigerian act'],
  ['The meeting lasted 24.5 hours over 3.2 days.', 'decimal figures'],
  ['Item 28.4 on the agenda', 'agenda item'],
  ['see footnote 28(4)', 'footnote'],
  ['Resolution 79/243 adopted the text.', 'resolution number'],
  ['article about the treaty, 28 pages long', 'article as a noun'],
  ['Article 19 warned that the treaty is dangerous.', 'NGO warned'],
  ['Article 19 urged states to vote no.', 'NGO urged'],
  ['Article 5 of the Council of Europe Explanatory Report', 'explanatory report article'],
];

/** Other instruments spelled as they appear in commentary; each must bind its article away from this convention. */
const OTHER_INSTRUMENTS = [
  'the ICCPR', 'the ICESCR', 'the UDHR', 'the ECHR', 'the GDPR', 'the Budapest Convention', 'the EU Charter',
  'the UN Charter', 'the Law Enforcement Directive', 'the Palermo Convention', 'UNTOC', 'the CRC', 'CEDAW',
  'the Vienna Convention', 'the Second Additional Protocol', "Nigeria's Cybercrimes Act", "Pakistan's PECA law",
  'the Constitution', 'the Explanatory Report', 'the Convention against Torture',
];

/** Draft-era numbering: [text, published, expected "cited/version->final" list]. */
const NUMBERING: [string, string | null, string][] = [
  ['Article 17 of the zero draft covers other treaties.', FINAL_ERA, '17/zero->4'],
  ['Article 17 of the zero draft covers other treaties.', null, '17/zero->4'],
  ['draft Article 5 protects human rights', null, '5/zero->6'],
  ['Rev.1 article 6 criminalizes access', null, '6/zero->7'],
  ['the revised draft’s article 14 on grooming', null, '14/zero->15'],
  ['Article 4 of the final text covers other conventions.', ZERO_ERA, '4/final->4'],
  ['Article 4 of the convention as adopted', null, '4/final->4'],
  ['Article 5 on human rights must be strengthened.', null, '5/zero->6'],
  ['Article 5 on human rights must be strengthened.', FINAL_ERA, '5/zero->6'],
  // Undated, no subject named next to the number: the citing sentence's words decide (step 5).
  ['Article 4 deals with other United Nations conventions and protocols.', null, '4/final->4'],
  ['Misuse-of-devices offence worries reporters. Scrapers could be caught by Art. 11 unless intent is required.', null, '11/final->11'],
  ['Illegal access worries researchers. Their work could fall under Article 6 of the text.', null, '6/zero->7'],
  ['Researchers are worried. Their work could fall under Article 6 of the text.', null, ''],
  ['Article 6 deals with illegal access.', '2024-04-15', '6/zero->7'],
  ['Article 4 – offences established under other United Nations conventions', null, '4/final->4'],
  ['Article 4 – offences established under other United Nations conventions', ZERO_ERA, '4/final->4'],
  ['Article 17 (Offences relating to other international treaties) is vague.', null, '17/zero->4'],
  ['Article 17 (Laundering of proceeds of crime) is fine.', ZERO_ERA, '17/final->17'],
  ['Article 10 on misuse of devices threatens researchers.', null, '10/zero->11'],
  ['Article 11 on misuse of devices threatens researchers.', null, '11/final->11'],
  ['Article 6 threatens researchers.', ZERO_ERA, '6/zero->7'],
  ['Article 6 threatens researchers.', FINAL_ERA, '6/final->6'],
  ['Article 6 threatens researchers.', '2024-04-15', ''],
  ['Article 6 threatens researchers.', null, ''],
  ['Article 6 threatens researchers.', '2023-01-10', ''],
  ['Article 6 (illegal access) threatens researchers.', '2023-01-10', '6/zero->7'],
  ['Article 24 applies.', ZERO_ERA, '24/zero->24'],
  ['Article 24 applies.', FINAL_ERA, '24/final->24'],
  ['Article 24 applies.', null, '24/final->24'],
  ['Article 24 applies.', '2023-01-10', ''],
  ['Article 24 (Conditions and safeguards) applies.', '2023-01-10', '24/final->24'],
  ['Article 2 defines terms.', '2024-05-01', '2/final->2'],
  ['Article 16 of the zero draft on laundering', FINAL_ERA, '16/zero->17'],
  ['Articles 6-16 of the zero draft', null, '6/zero->7 7/zero->8 8/zero->9 9/zero->10 10/zero->11 11/zero->12 12/zero->13 13/zero->14 14/zero->15 15/zero->16 16/zero->17'],
  ['Articles 6-16 list the core crimes.', ZERO_ERA, '6/zero->7 7/zero->8 8/zero->9 9/zero->10 10/zero->11 11/zero->12 12/zero->13 13/zero->14 14/zero->15 15/zero->16 16/zero->17'],
  ['Articles 6-16 list the core crimes.', '2024-04-01', ''],
  ['Article 62 on dispute settlement', ZERO_ERA, '62/zero->63'],
  ['Article 62 on supplementary protocols', FINAL_ERA, '62/final->62'],
  ['Article 68 of the zero draft', null, ''],
  ['Article 67 of the zero draft on depositary', null, '67/zero->68'],
  ['Article 36(1) of the zero draft', FINAL_ERA, '36.1/zero->36.1'],
  ['Article 14(2) of the zero draft', null, '14.2/zero->15.2'],
  ['In Rev.2, Article 5 kept its wording.', null, '5/zero->6'],
  ['Unlike the zero draft, Article 4 now covers other conventions.', null, '4/final->4'],
  ['Unlike the zero draft, Article 4 now applies.', null, ''],
  ['Unlike the zero draft, Article 4 now covers other conventions.', FINAL_ERA, '4/final->4'],
  ['Article 6 of A/AC.291/22/Rev.1', null, '6/zero->7'],
  ['Article 4 of A/RES/79/243', ZERO_ERA, '4/final->4'],
  ['Article 7 of the draft convention', FINAL_ERA, '7/final->7'],
  ['Article 7 of the draft convention', null, '7/zero->8'],
  ['Article 15 of the zero draft on intimate images', null, '15/zero->16'],
  ['Article 12, which criminalizes forgery, is in the zero draft.', null, '12/zero->13'],
];

function refsOf(text: string, published: string | null = FINAL_ERA): string {
  return extractMentions(text, { knowledge: KNOWLEDGE, published }).map((m) => m.ref).join(' ');
}

describe('extractMentions: citation forms', () => {
  it.each(FORMS)('reads %j as %j', (text, expected) => {
    expect(refsOf(text)).toBe(expected);
  });
});

describe('extractMentions: references that are not to this convention', () => {
  it.each(NEGATIVES)('finds nothing in %j (%s)', (text) => {
    expect(refsOf(text)).toBe('');
  });

  it.each(OTHER_INSTRUMENTS)('binds "Article 17 of %s" to that instrument', (name) => {
    expect(refsOf(`The text of Article 17 of ${name} is relevant.`)).toBe('');
  });

  it.each(OTHER_INSTRUMENTS.filter((n) => !n.includes("'")).map((n) => n.replace(/^the /, '')))(
    'binds "%s Article 12" to that instrument',
    (name) => {
      expect(refsOf(`As ${name} Article 12 shows, privacy matters.`)).toBe('');
    },
  );

  it('keeps this convention’s article next to another instrument named after it', () => {
    expect(refsOf('Article 24 must be consistent with the ICCPR.')).toBe('24');
    expect(refsOf('Unlike the Budapest Convention, Article 28(4) compels anyone with knowledge.')).toBe('28.4');
  });

  it('keeps both when one sentence cites each instrument explicitly', () => {
    expect(refsOf('Article 8 of the ECHR differs from Article 24 of the Convention.')).toBe('24');
  });
});

describe('extractMentions: draft numbering', () => {
  it.each(NUMBERING)('reads %j published %s as %j', (text, published, expected) => {
    const got = extractMentions(text, { knowledge: KNOWLEDGE, published }).map((m) => `${m.cited_as}/${m.version}->${m.ref}`);
    expect(got.join(' ')).toBe(expected);
  });
});
