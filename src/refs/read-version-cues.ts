/**
 * Reads what the text says about which negotiating text a citation uses: the draft it names next
 * to the number or in its sentence, the subject words next to it, and what the whole item names.
 * A plain "draft" ("draft Article 5") means the zero-draft numbering only up to July 2024: from then
 * on the current draft already used the final numbering.
 */
import type { TextVersion } from '../knowledge/article-tables.js';
import { readOwnerPhrase } from './bind-instrument.js';
import type { NumberingEra } from './resolve-numbering.js';
import type { Citation } from './scan-citations.js';
import type { SentenceSpan } from './split-sentences.js';

const ZERO_TEXT = /\bzero[-\s]draft|\brev(?:ision)?\.?\s*[12]\b|\b(?:further\s+)?revised\s+(?:draft|text)|\bA\/AC\.291\/22\b/gi;
const FINAL_TEXT =
  /\bfinal\s+(?:text|version|draft|convention|treaty|numbers|numbering)|\b(?:text|convention|treaty)\s+as\s+adopted|\badopted\s+(?:text|convention|treaty)|\bA\/RES\/79\/243|\bA\/AC\.291\/L\.15\b/gi;
const ZERO_BEFORE = /(?:zero[-\s]draft|rev(?:ision)?\.?\s*[12]|revised\s+(?:draft|text))(?:['’]s)?\s*$/i;
const FINAL_BEFORE = /(?:final\s+(?:text|version|draft)|adopted\s+(?:text|convention|treaty))(?:['’]s)?\s*$/i;
const GENERIC_DRAFT_BEFORE = /\bdraft(?:\s+(?:convention|treaty|text))?(?:['’]s)?\s*$/i;
// "Unlike the zero draft, Article 4 now ..." names a draft to contrast with, not to cite.
const CONTRAST_BEFORE = /\b(?:unlike|compared\s+(?:to|with)|in\s+contrast\s+(?:to|with)|than|since|from|after|before)\s+(?:the\s+)?$/i;
const SUBJECT_INTRO =
  /^\s*(?:\(|[:–—]|\s-\s|,?\s+(?:on|about|regarding|concerning|covering|entitled|titled|dealing\s+with|(?:,\s*)?which\s+(?:deals\s+with|covers|addresses|concerns|criminali[sz]es|establishes|sets\s+out|governs|protects|requires))\b|,?\s*[“"])/i;
const SUBJECT_MAX_WORDS = 12;

/** Returns the text a citation names, next to it or in its own sentence, or null when it names none. */
export function readNamedVersion(text: string, citation: Citation, sentence: SentenceSpan, era: NumberingEra): TextVersion | null {
  const owner = readOwnerPhrase(text, citation.end);
  if (owner !== null) {
    const named = readPhraseVersion(owner, era);
    if (named) return named;
  }
  const before = text.slice(Math.max(sentence.start, citation.start - 60), citation.start);
  if (ZERO_BEFORE.test(before)) return 'zero';
  if (FINAL_BEFORE.test(before)) return 'final';
  if (GENERIC_DRAFT_BEFORE.test(before) && genericDraftIsZero(era)) return 'zero';
  const sentenceText = text.slice(sentence.start, citation.start) + ' '.repeat(citation.end - citation.start) + text.slice(citation.end, sentence.end);
  return readOnlyVersion(sentenceText);
}

/** Returns the one numbering the whole item names (zero draft or final text), or null when it names both or neither. */
export function readDocumentVersion(text: string): TextVersion | null {
  return readOnlyVersion(text);
}

/** Returns the words naming a citation's subject right after it ("on human rights", "(Conditions and safeguards)"), or "". */
export function readSubjectPhrase(text: string, citation: Citation, sentence: SentenceSpan): string {
  const after = text.slice(citation.end, sentence.end);
  const intro = SUBJECT_INTRO.exec(after);
  if (!intro) return '';
  const words = after.slice(intro[0].length).split(/\s+/).filter((w) => w !== '');
  return words.slice(0, SUBJECT_MAX_WORDS).join(' ');
}

function readPhraseVersion(phrase: string, era: NumberingEra): TextVersion | null {
  const only = readOnlyVersion(phrase);
  if (only) return only;
  return /\bdraft\b/i.test(phrase) && genericDraftIsZero(era) ? 'zero' : null;
}

// Before the zero draft "draft" meant earlier documents; from July 2024 the draft used final numbers.
function genericDraftIsZero(era: NumberingEra): boolean {
  return era === 'zero' || era === 'gap' || era === 'unknown';
}

function readOnlyVersion(text: string): TextVersion | null {
  const zero = countUncontrasted(text, ZERO_TEXT);
  const final = countUncontrasted(text, FINAL_TEXT);
  if (zero > 0 && final === 0) return 'zero';
  if (final > 0 && zero === 0) return 'final';
  return null;
}

function countUncontrasted(text: string, re: RegExp): number {
  let count = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!CONTRAST_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index))) count++;
  }
  return count;
}
