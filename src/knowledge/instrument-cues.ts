/**
 * The instrument cues, `knowledge/instruments.json`: names of other instruments, of this convention,
 * nouns that name an unnamed instrument, and civil-society organizations, compiled once.
 */
import { requireRecords, requireStrings } from './knowledge-file.js';

/** The instrument names as regexes, ready to scan text. */
export interface InstrumentCues {
  others: RegExp[];
  thisTreaty: RegExp[];
  nouns: RegExp;
  nounAtEnd: RegExp;
  organizations: RegExp[];
}

/** Returns the compiled cues of a parsed instruments file; throws naming the file and the bad field. */
export function compileInstrumentCues(file: Record<string, unknown>, name = 'knowledge/instruments.json'): InstrumentCues {
  const others = requireRecords(file['others'], name, 'others').flatMap((o, i) => requireStrings(o['cues'], name, `others[${i}].cues`));
  const nouns = requireStrings(file['instrument_nouns'], name, 'instrument_nouns').map(toPattern).join('|');
  return {
    others: compileCues(others),
    thisTreaty: compileCues(requireStrings(file['this_treaty'], name, 'this_treaty')),
    nouns: new RegExp(`\\b(?:${nouns})\\b`, 'i'),
    nounAtEnd: new RegExp(`\\b(?:${nouns})$`, 'i'),
    organizations: compileCues(requireStrings(file['organizations'], name, 'organizations')),
  };
}

// Acronyms ("ICCPR", "LED") match only in capitals so that "led" or "crc" in prose never count;
// everything else ignores case. One regex per flag set keeps the scan to two passes.
function compileCues(cues: string[]): RegExp[] {
  const acronyms = cues.filter((c) => /[A-Z]{2}/.test(c) && c === c.toUpperCase());
  const phrases = cues.filter((c) => !acronyms.includes(c));
  const build = (list: string[], flags: string) =>
    new RegExp([...list].sort((a, b) => b.length - a.length).map(toPattern).join('|'), flags);
  return [acronyms.length ? build(acronyms, 'g') : null, phrases.length ? build(phrases, 'gi') : null].filter(
    (r): r is RegExp => r !== null,
  );
}

function toPattern(cue: string): string {
  const body = cue.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const open = /^\w/.test(cue) ? '\\b' : '';
  const close = /\w$/.test(cue) ? '\\b' : '';
  return `${open}${body}${close}`;
}
