import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCalendar } from '../../src/knowledge/calendar.js';
import { compileConcernRules } from '../../src/knowledge/concern-rules.js';
import { KnowledgeError, parseTsv } from '../../src/knowledge/knowledge-file.js';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { projectPath } from '../../src/project-path.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Returns a copy of the shipped knowledge folder with one file replaced. */
function knowledgeWith(file: string, content: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'tw-knowledge-'));
  dirs.push(dir);
  cpSync(projectPath('knowledge'), dir, { recursive: true });
  if (content === null) rmSync(join(dir, file));
  else writeFileSync(join(dir, file), content);
  return dir;
}

describe('loadKnowledge', () => {
  it('loads every shipped file: 68 final articles, the concordance, drafts, concerns, cues, calendar and six URLs', () => {
    expect(KNOWLEDGE.articles.final).toHaveLength(68);
    expect(KNOWLEDGE.articles.zeroToFinal.size).toBeGreaterThan(50);
    expect(KNOWLEDGE.articles.drafts.map((d) => d.numbering)).toContain('zero');
    expect(KNOWLEDGE.concerns.concerns.length).toBeGreaterThan(5);
    expect(KNOWLEDGE.relevance.cues.length).toBeGreaterThan(10);
    expect(KNOWLEDGE.instruments.others.length).toBeGreaterThan(0);
    expect(KNOWLEDGE.calendar.some((e) => e.critical)).toBe(true);
    expect(Object.keys(KNOWLEDGE.officialText.urls).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
  });

  it('returns a frozen value', () => {
    expect(Object.isFrozen(KNOWLEDGE)).toBe(true);
    expect(Object.isFrozen(KNOWLEDGE.articles.final[0])).toBe(true);
    expect(Object.isFrozen(KNOWLEDGE.concerns.concerns)).toBe(true);
    expect(() => (KNOWLEDGE.concerns as { threshold: number }).threshold = 9).toThrow(TypeError);
  });

  it('keeps compiled cues usable: global regexes still scan after freezing', () => {
    const cue = KNOWLEDGE.concerns.concerns[0]!.cues[0]!;
    cue.allRegex.lastIndex = 0;
    expect(() => cue.allRegex.exec('text')).not.toThrow();
  });

  it.each([
    ['articles-final.tsv', 'article\ttitle\tchapter\n1\tPurpose\tGeneral provisions\n', /knowledge\/articles-final\.tsv line 2: bad chapter/],
    ['articles-final.tsv', 'article\ttitle\n1\tPurpose\n', /knowledge\/articles-final\.tsv line 1: header lacks column "chapter"/],
    ['concordance-zero-to-final.tsv', 'zero_draft\tfinal\n4\tfive\n', /concordance-zero-to-final\.tsv line 2: final must be a whole number/],
    ['drafts.tsv', 'id\tsymbol\tname\tdate\tnumbering\nx\t-\tX\t2023-01-01\tlater\n', /drafts\.tsv line 2: numbering must be/],
    ['calendar.tsv', 'start\tend\tevent\tplace\tkind\n\n2026-02-30x\t\tX\t-\tsession\n', /knowledge\/calendar\.tsv line 3: bad date/],
    ['concerns.json', '{ "threshold": 1, ', /knowledge\/concerns\.json: not valid JSON/],
    ['concerns.json', '{"threshold":1,"longTextChars":1,"longTextThreshold":1,"articleBonus":1,"concerns":[{"id":"a","name":"A","cues":[{"pattern":"(","weight":1}]}]}', /concerns\.json: concern "a": bad cue pattern/],
    ['relevance-rules.json', '{"bias":0,"threshold":0.5,"cues":[{"id":"x","pattern":"a"}]}', /relevance-rules\.json: relevance cue "x" weight must be a number/],
    ['instruments.json', '{"others":[],"this_treaty":"UNCC","instrument_nouns":[],"organizations":[]}', /instruments\.json: this_treaty must be a list of strings/],
    ['official-text.json', '{"symbol":"A/RES/79/243","documents":{"en":"http://example.org/en.pdf"}}', /official-text\.json: no https URL for "ar"/],
    ['drafts.tsv', null, /knowledge\/drafts\.tsv: file not found/],
  ])('refuses a bad %s, naming the file and line', (file, content, message) => {
    const dir = knowledgeWith(file, content);
    expect(() => loadKnowledge({ dir })).toThrow(KnowledgeError);
    expect(() => loadKnowledge({ dir })).toThrow(message);
  });

  it('adds the operator calendar to the shipped one, in start order, and refuses a missing one', () => {
    const dir = knowledgeWith('README.md', 'x');
    const extra = join(dir, 'extra.tsv');
    writeFileSync(extra, 'start\tend\tevent\tplace\tkind\n1999-01-01\t\tEarliest\t-\tmilestone\n');
    const k = loadKnowledge({ dir, calendarFile: extra });
    expect(k.calendar[0]!.event).toBe('Earliest');
    expect(k.calendar).toHaveLength(KNOWLEDGE.calendar.length + 1);
    expect(() => loadKnowledge({ dir, calendarFile: join(dir, 'none.tsv') })).toThrow(/TREATYWATCH_CALENDAR file .*none\.tsv: not found/);
  });
});

describe('knowledge parts', () => {
  it('reads a table with the line number of each row, skipping blank and comment lines', () => {
    const rows = parseTsv('# note\na\tb\n\n1\t2\n3\n', 't.tsv', ['a']);
    expect(rows).toEqual([{ line: 4, cells: { a: '1', b: '2' } }, { line: 5, cells: { a: '3', b: '' } }]);
    expect(() => parseTsv('', 't.tsv', [])).toThrow(/t\.tsv: empty table/);
  });

  it('hands over concern fields it does not know, and refuses duplicate ids', () => {
    const base = { threshold: 1, longTextChars: 10, longTextThreshold: 2, articleBonus: 0.5 };
    const concern = { id: 'a', name: 'A', cues: [{ pattern: 'spy', weight: 1, extra: true }], newField: [1, 2] };
    const rules = compileConcernRules({ ...base, concerns: [concern] });
    expect((rules.concerns[0] as unknown as { newField: number[] }).newField).toEqual([1, 2]);
    expect((rules.concerns[0]!.cues[0] as unknown as { extra: boolean }).extra).toBe(true);
    expect(rules.concerns[0]!.cues[0]!.regex.test('spy')).toBe(true);
    expect(() => compileConcernRules({ ...base, concerns: [concern, concern] })).toThrow(/concern "a" appears twice/);
    expect(() => compileConcernRules({ ...base, concerns: [] })).toThrow(/lists no concerns/);
  });

  it('reads a calendar row marked critical as a session week', () => {
    const events = parseCalendar('start\tend\tevent\tplace\tkind\tcritical\n2026-03-10\t\tSigning\tNY\tmilestone\tyes\n', 'extra.tsv');
    expect(events).toEqual([{ start: '2026-03-10', end: '2026-03-10', event: 'Signing', place: 'NY', kind: 'milestone', critical: true }]);
  });
});
