/** Which instrument a text names, by the instrument cues of `knowledge/instruments.json` (`Knowledge.instruments`). */
import type { InstrumentCues } from '../knowledge/instrument-cues.js';

/** Which instrument a phrase names: another one, this convention, or none that we can tell. */
export type InstrumentOwner = 'other' | 'this' | 'none';

/** A place in the text where an instrument is named. */
export interface InstrumentCue {
  owner: 'other' | 'this';
  start: number;
  end: number;
}

/** Returns every instrument named in `text`; other instruments win where a name overlaps ours ("Budapest Convention"). */
export function findInstrumentCues(cues: InstrumentCues, text: string): InstrumentCue[] {
  const others = findAll(text, cues.others, 'other');
  const ours = findAll(text, cues.thisTreaty, 'this').filter((m) => !others.some((o) => m.start < o.end && o.start < m.end));
  return others.concat(ours).sort((a, b) => a.start - b.start);
}

/** Returns whom a noun phrase ("the ICCPR", "Jordan's cybercrime law", "the zero draft") names. */
export function classifyInstrumentPhrase(known: InstrumentCues, phrase: string): InstrumentOwner {
  const cues = findInstrumentCues(known, phrase);
  if (cues.some((c) => c.owner === 'other')) return 'other';
  if (cues.length > 0) return 'this';
  return known.nouns.test(phrase) ? 'other' : 'none';
}

/** Returns whom the phrase ending exactly at the end of `before` names ("GDPR", "the ICCPR’s"), if anyone. */
export function classifyPrecedingName(known: InstrumentCues, before: string): InstrumentOwner {
  const tail = before.replace(/(?:['’]s?)?\s*$/, '');
  const cues = findInstrumentCues(known, tail);
  const last = cues.filter((c) => c.end === tail.length);
  if (last.some((c) => c.owner === 'other')) return 'other';
  if (last.length > 0) return 'this';
  return known.nounAtEnd.test(tail) ? 'other' : 'none';
}

/** Returns whom a name starting the text names ("GDPR requires", " ICCPR"): the instrument written after an article number. */
export function classifyFollowingName(known: InstrumentCues, after: string): InstrumentOwner {
  const lead = /^\s*/.exec(after)![0].length;
  const first = findInstrumentCues(known, after.slice(0, lead + 70)).filter((c) => c.start === lead);
  if (first.some((c) => c.owner === 'other')) return 'other';
  return first.length > 0 ? 'this' : 'none';
}

// Nouns that name a treaty without saying which one: a back-reference to them proves nothing.
const GENERIC_TREATY_NOUNS = /^(?:convention|treaty|protocol|agreement|resolution|report|principles|guidelines|rules)$/i;

/**
 * Returns whom the last instrument named in `before` is: the antecedent of a back-reference ("the
 * Malabo Convention, whose Article 29", "the decree ... its Article 24"). A bare "convention" or
 * "treaty" names no one.
 */
export function classifyAntecedent(known: InstrumentCues, before: string): InstrumentOwner {
  const cues = findInstrumentCues(known, before);
  const lastCue = cues[cues.length - 1];
  const nouns = [...before.matchAll(new RegExp(known.nouns.source, 'gi'))].filter((m) => !GENERIC_TREATY_NOUNS.test(m[0]));
  const lastNoun = nouns[nouns.length - 1];
  const nounEnd = lastNoun ? lastNoun.index + lastNoun[0].length : -1;
  if (lastCue && lastCue.end >= nounEnd) return lastCue.owner;
  return lastNoun ? 'other' : 'none';
}

/** Returns whether `text` ends (or, when `atStart`, starts) with the name of a civil-society organization. */
export function touchesOrganizationName(known: InstrumentCues, text: string, atStart: boolean): boolean {
  const trimmed = atStart ? text.trimStart() : text.trimEnd();
  return findAll(trimmed, known.organizations, 'other').some((m) => (atStart ? m.start === 0 : m.end === trimmed.length));
}

// Builds each cue as one literal (object spread is many times slower on this hot path).
function findAll(text: string, patterns: RegExp[], owner: InstrumentCue['owner']): InstrumentCue[] {
  const out: InstrumentCue[] = [];
  for (const re of patterns) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) out.push({ owner, start: m.index, end: m.index + m[0].length });
  }
  return out;
}
