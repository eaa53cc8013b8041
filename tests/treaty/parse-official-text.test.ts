import { describe, expect, it } from 'vitest';
import { parseOfficialText } from '../../src/treaty/parse-official-text.js';
import { checkOfficialText, normalizeTitle } from '../../src/treaty/check-official-text.js';
import { convertHtmlToText } from '../../src/treaty/html-to-text.js';
import { readConventionText } from './treaty-fixtures.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

function provisions(text: string): Record<string, string> {
  return Object.fromEntries(parseOfficialText(text).articles.flatMap((a) => a.provisions.map((p) => [p.ref, p.text])));
}

describe('parseOfficialText', () => {
  it.each([
    {
      name: 'leaves out the resolution before the first article and the closing formula',
      text: '1. Adopts the Convention;\n\nArticle 7\nIllegal access\n\n1. Each State Party shall act.\n\nIN WITNESS WHEREOF, the undersigned have signed.',
      expected: { '7': '', '7.1': 'Each State Party shall act.' },
    },
    {
      name: 'starts paragraphs and subparagraphs on lines without blank lines between them',
      text: 'Article 28\nSearch\n1. To search:\n(a) A system; and\n(b) A medium.\n2. Also this.',
      expected: { '28': '', '28.1': 'To search:', '28.1.a': 'A system; and', '28.1.b': 'A medium.', '28.2': 'Also this.' },
    },
    {
      name: 'keeps a wrapped cross-reference "paragraph 1\\n(a)" inside its sentence',
      text: 'Article 28\nSearch\n\n1. Pursuant to paragraph 2\n(a) of this article, more.',
      expected: { '28': '', '28.1': 'Pursuant to paragraph 2 (a) of this article, more.' },
    },
    {
      name: 'keeps roman items inside their subparagraph',
      text: 'Article 2\nUse of terms\n\n(a) "Data" means:\n\n(i) One thing;\n\n(ii) Another;\n\n(b) "Other" means more.',
      expected: { '2': '', '2.a': '"Data" means:\n(i) One thing;\n(ii) Another;', '2.b': '"Other" means more.' },
    },
    {
      name: 'reads "(i)" after "(h)" as the next subparagraph',
      text: 'Article 2\nUse of terms\n\n(a) A;\n(b) B;\n(c) C;\n(d) D;\n(e) E;\n(f) F;\n(g) G;\n(h) H;\n(i) I.',
      expected: { '2': '', '2.a': 'A;', '2.b': 'B;', '2.c': 'C;', '2.d': 'D;', '2.e': 'E;', '2.f': 'F;', '2.g': 'G;', '2.h': 'H;', '2.i': 'I.' },
    },
    {
      name: 'rejoins words hyphenated at line ends unless the document hyphenates them elsewhere',
      text: 'Article 54\nCapacity\n\n1. Technical capacity-building and elec-\ntronic data, more capacity-\nbuilding and a rare-\nword.',
      expected: { '54': '', '54.1': 'Technical capacity-building and electronic data, more capacity-building and a rareword.' },
    },
    {
      name: 'reads a title on the heading line',
      text: 'Article 3. Scope of application\n\nThis Convention shall apply.',
      expected: { '3': 'This Convention shall apply.' },
    },
    {
      name: 'treats an out-of-sequence number as text of the current paragraph',
      text: 'Article 40\nMutual legal assistance\n\n1. First.\n\n3. Not the second.',
      expected: { '40': '', '40.1': 'First.\n3. Not the second.' },
    },
  ])('$name', ({ text, expected }) => {
    expect(provisions(text)).toEqual(expected);
  });

  it('records the chapter and the title of each article', () => {
    const text = 'Chapter IV\nProcedural measures and law enforcement\n\nArticle 28\nSearch and seizure of stored electronic data\n\n1. Text.';
    expect(parseOfficialText(text).articles).toMatchObject([{ number: 28, chapter: 'IV', title: 'Search and seizure of stored electronic data' }]);
  });
});

describe('checkOfficialText', () => {
  it('reports repeated articles, wrong chapters and empty articles', () => {
    const problems = checkOfficialText({
      articles: [
        { number: 1, title: 'Statement of purpose', chapter: 'II', provisions: [{ ref: '1', article: 1, paragraph: null, letter: null, text: '' }] },
        { number: 1, title: 'Statement of purpose', chapter: 'I', provisions: [{ ref: '1', article: 1, paragraph: null, letter: null, text: 'Text.' }] },
      ],
    }, { articles: KNOWLEDGE.articles });
    expect(problems).toEqual([
      'missing 67 articles: 2-68',
      '1 article appearing more than once: 1',
      'Article 1: in chapter II, expected chapter I',
      'Article 1: no text',
    ]);
  });

  it.each([
    ['Search and seizure of stored electronic data', 'SEARCH AND SEIZURE OF STORED ELECTRONIC DATA.'],
    ['24/7 network', '24/7  network'],
    ['Freezing, seizure and confiscation', 'Freezing seizure and confiscation'],
  ])('treats "%s" and "%s" as the same title', (a, b) => {
    expect(normalizeTitle(a)).toBe(normalizeTitle(b));
  });
});

describe('convertHtmlToText', () => {
  it('puts block elements on their own lines and drops navigation, scripts and footnote markers', () => {
    const html = '<html><head><title>T</title><script>var x = 1;</script></head><body><nav>Home</nav><h3>Article 1<br>Statement of purpose</h3><p>The purposes&nbsp;are:<sup>2</sup></p><p>(a) To promote;</p><footer>Footer</footer></body></html>';
    expect(convertHtmlToText(html)).toBe('Article 1\nStatement of purpose\n\nThe purposes are:\n\n(a) To promote;');
  });
});

describe('parseOfficialText on a UN-layout text with page furniture', () => {
  const clean = readConventionText();
  // Page breaks as a UN document prints them: job number and page, running head with the symbol.
  const pageBreak = (page: number) =>
    page % 2 === 1
      ? `\n\n24-24316 ${page}/41\n\n*2424316*\n\nA/RES/79/243 United Nations Convention against Cybercrime\n\n`
      : `\n\n${page}/41 24-24316\n\nUnited Nations Convention against Cybercrime A/RES/79/243\n\n`;
  const withFurniture = clean
    .replace('Article 65\nEntry into force', `Article 65${pageBreak(17)}Entry into force`)
    .replace('as may be necessary\nto empower its competent authorities to search', `as may be necessary${pageBreak(18)}to empower its competent authorities to search`)
    .replace('Article 28\n', `${pageBreak(9)}Article 28\n`);

  it('strips furniture wherever it falls, the gap between a heading and its title included', () => {
    expect(withFurniture).not.toBe(clean);
    const parsed = parseOfficialText(withFurniture);
    expect(checkOfficialText(parsed, { articles: KNOWLEDGE.articles })).toEqual([]);
    expect(parsed.articles.find((a) => a.number === 65)?.title).toBe('Entry into force');
    expect(provisions(withFurniture)).toEqual(provisions(clean));
  });

  it('keeps treaty lines that only look like numbers', () => {
    const text = 'Article 7\nIllegal access\n\n1. Each State Party shall act under resolution 55/25 and A/RES/79/243 too.';
    expect(provisions(text)['7.1']).toBe('Each State Party shall act under resolution 55/25 and A/RES/79/243 too.');
  });
});
