/**
 * Binds a citation to an instrument before it is counted: a reference is this
 * convention's only when nothing ties it to another instrument. Checked in this order:
 *   1. "Article 19" as the free-expression NGO ("ARTICLE 19", "Article 19's", "Article 19 said",
 *      "Human Rights Watch, Article 19, EFF");
 *   2. the owner named after it ("of the ICCPR", "of Jordan's cybercrime law", "of the Convention");
 *   3. the owner named just before it ("GDPR Article 6", "Budapest Convention article 15"), or
 *      right after the number ("Article 48 GDPR", "Article 17 ICCPR");
 *   4. a possessive or relative back-reference: "the Malabo Convention, whose Article 29" and
 *      "Jordan's law ... its Article 15" belong to the instrument they point back to in the same
 *      sentence ("its" with no instrument before it in the sentence proves nothing);
 *   5. the sentence's topic: another instrument named earlier in the same sentence while this
 *      convention is not named ("Under the ICCPR, Article 17 ..."), or a previous sentence of the same
 *      block that cited only another instrument's articles; a comparison ("Unlike the Budapest
 *      Convention, Article 28(4) ...") does not count.
 */
import type { Citation } from './scan-citations.js';
import type { SentenceSpan } from './split-sentences.js';
import {
  classifyAntecedent,
  classifyFollowingName,
  classifyInstrumentPhrase,
  classifyPrecedingName,
  touchesOrganizationName,
  type InstrumentCue,
} from './instrument-cues.js';
import type { InstrumentCues } from '../knowledge/instrument-cues.js';

/** Who a citation belongs to. */
export type CitationOwner = 'this' | 'other' | 'organization';

/** A binding and whether the text named the owner ("named") or nothing claimed the citation ("default"). */
export interface Binding {
  owner: CitationOwner;
  evidence: 'named' | 'default';
}

/** Longest noun phrase read after "of"/"in"/"under" when looking for an owner. */
const OWNER_PHRASE_MAX_CHARS = 90;
const BEFORE_WINDOW_CHARS = 80;

// Verbs and connectives that end the owner's noun phrase ("of the ICCPR and Article 17 ...").
const PHRASE_END = /\s(?:which|that|who|whose|where|is|are|was|were|has|have|had|would|will|should|shall|can|could|may|might|must|does|do|did|(?:and|or)(?!\s+(?!Art)\p{Lu}\p{Ll})|but|because|while|when|if|as|requires?|allows?|provides?|says?|sets?|gives?|grants?)\b|[,;:!?()[\]]|\.(?:\s|$)/u;
const CONTRAST_BEFORE = /\b(?:unlike|compared\s+(?:to|with)|in\s+contrast\s+(?:to|with)|than|like|similar\s+to|modell?ed\s+on|based\s+on|drawn\s+from|beyond|mirror(?:s|ing)?|echo(?:es|ing)?|since|from)\s+(?:the\s+|its\s+)?$/i;
const NGO_VERB_AFTER = /^\s+(?:said|says|stated|states that|noted|notes|warned|warns|argued|argues|wrote|writes|called|calls|urged|urges|pointed|points|highlighted|highlights|explained|explains|reported|reports|recommended|recommends|published|publishes|launched|joined|welcomed|welcomes|is an?|was an?|and other|et al)\b/;
const NGO_DESCRIPTION_AFTER = /^,?\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}(?:organi[sz]ation|NGO|group|charity|campaign)\b/i;
const NGO_INTRO_BEFORE = /(?:\b(?:our|an?|the)\s+all(?:y|ies)|\ball(?:y|ies)|\b(?:organi[sz]ations?|groups?|NGOs?|partners?|coalition|members?)\s+(?:such\s+as|like|including))\s*$/i;

const GENERIC_THIS = /^(?:the|this)\s+(?:convention|treaty)$/i;

// An instrument that owns an article of its own ("Article 8 of the ECHR", "GDPR Article 6") is
// cited beside ours, not the topic that a later "the Convention" points back to.
const OWNS_CITATION_BEFORE = /\bart(?:icle)?s?\.?\s*\d[\w().]*\s*,?\s*(?:of|in|under)\s+(?:the\s+)?$/i;
const OWNS_CITATION_AFTER = /^['’]?s?\s+art(?:icle)?s?\.?\s*\d/i;

function namesOtherEarlier(text: string, citation: Citation, sentence: SentenceSpan, cuesIn: SentenceCueLookup): boolean {
  return cuesIn(sentence).some((c) => {
    if (c.owner !== 'other' || c.end > citation.start) return false;
    const before = text.slice(Math.max(sentence.start, c.start - 40), c.start);
    return !CONTRAST_BEFORE.test(before) && !OWNS_CITATION_BEFORE.test(before) && !OWNS_CITATION_AFTER.test(text.slice(c.end, c.end + 20));
  });
}

/** Looks up the instruments named in one sentence, with offsets into the whole text. */
export type SentenceCueLookup = (sentence: SentenceSpan) => readonly InstrumentCue[];

/** Returns who `citation` belongs to and whether the text named that owner or nothing else claimed it. */
export function bindWithEvidence(
  text: string,
  citation: Citation,
  sentence: SentenceSpan,
  previous: SentenceSpan | null,
  cuesIn: SentenceCueLookup,
  known: InstrumentCues,
): Binding {
  const named = (owner: CitationOwner): Binding => ({ owner, evidence: 'named' });
  if (isArticle19Organization(known, text, citation, sentence)) return named('organization');
  const owner = readOwnerPhrase(text, citation.end);
  if (owner !== null) {
    const phrase = classifyInstrumentPhrase(known, owner);
    // "Article 8 of the Convention" in a sentence about the Strasbourg court is the ECHR's: a
    // generic "the Convention" is ours only when nothing else in the sentence claims it.
    if (phrase === 'this' && GENERIC_THIS.test(owner.trim()) && namesOtherEarlier(text, citation, sentence, cuesIn)) return named('other');
    if (phrase !== 'none') return named(phrase);
  }
  const before = text.slice(Math.max(sentence.start, citation.start - BEFORE_WINDOW_CHARS), citation.start);
  const preceding = classifyPrecedingName(known, before);
  if (preceding !== 'none') return named(preceding);
  const following = classifyFollowingName(known, text.slice(citation.end, citation.end + 80));
  if (following !== 'none') return named(following);
  const backReference = /\b(?:whose|its|their)\s+$/i.exec(before);
  if (backReference) {
    const antecedent = classifyAntecedent(known, text.slice(sentence.start, citation.start - backReference[0].length));
    if (antecedent !== 'none') return named(antecedent);
  }
  if (isAboutOtherInstrument(text, citation, sentence, previous, cuesIn)) return named('other');
  return { owner: 'this', evidence: 'default' };
}

/** Returns the noun phrase after "of"/"in"/"under"/"from" that follows a citation ("the zero draft"), or null. */
export function readOwnerPhrase(text: string, end: number): string | null {
  const head = /^,?\s+(?:of|in|under|from)\s+/i.exec(text.slice(end, end + 12));
  if (!head) return null;
  const rest = text.slice(end + head[0].length, end + head[0].length + OWNER_PHRASE_MAX_CHARS);
  const stop = PHRASE_END.exec(rest);
  return (stop ? rest.slice(0, stop.index) : rest).trim();
}

function isArticle19Organization(known: InstrumentCues, text: string, citation: Citation, sentence: SentenceSpan): boolean {
  const only = citation.refs.length === 1 ? citation.refs[0] : undefined;
  if (citation.kind !== 'article' || !only || only.article !== 19 || only.paragraph !== null || only.letter !== null) return false;
  // The NGO writes its name in capitals; the treaty's article is "Article 19".
  if (citation.keyword === 'ARTICLE') return true;
  const after = text.slice(citation.end, citation.end + 80);
  const before = text.slice(Math.max(sentence.start, citation.start - 80), citation.start);
  if (/^['’]s?\b/.test(after) || NGO_VERB_AFTER.test(after) || NGO_DESCRIPTION_AFTER.test(after)) return true;
  if (/^\s*:\s*Global Campaign/i.test(after) || NGO_INTRO_BEFORE.test(before)) return true;
  // In a list of organizations: "Human Rights Watch, Article 19, EFF".
  const listAfter = /^\s*(?:,|\band\b|&)\s*/.exec(after);
  if (listAfter && touchesOrganizationName(known, after.slice(listAfter[0].length), true)) return true;
  const listBefore = /(?:,|\band|&)\s*$/.exec(before);
  return listBefore !== null && touchesOrganizationName(known, before.slice(0, listBefore.index), false);
}

function isAboutOtherInstrument(
  text: string,
  citation: Citation,
  sentence: SentenceSpan,
  previous: SentenceSpan | null,
  cuesIn: SentenceCueLookup,
): boolean {
  const cues = cuesIn(sentence);
  if (cues.some((c) => c.owner === 'this')) return false;
  const topical = (c: InstrumentCue, base: number) => !CONTRAST_BEFORE.test(text.slice(Math.max(base, c.start - 40), c.start));
  const earlier = cues.filter((c) => c.owner === 'other' && c.end <= citation.start && topical(c, sentence.start));
  if (earlier.length > 0) return true;
  if (cues.length > 0 || !previous || previous.block !== sentence.block) return false;
  // The previous sentence carries over only when it was itself about another instrument's articles
  // ("Article 17 of the ICCPR protects privacy. Article 19 protects expression.").
  const previousText = text.slice(previous.start, previous.end);
  const previousCues = cuesIn(previous);
  return (
    /\bart(?:icle)?s?\.?\s*\d/i.test(previousText) &&
    previousCues.length > 0 &&
    previousCues.every((c) => c.owner === 'other' && topical(c, previous.start))
  );
}
