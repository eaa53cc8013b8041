/**
 * Generates a convention document from the article table, in the layout the UN publishes (a PDF
 * and an HTML rendition), in English or Spanish. The wording is made up for tests; only the
 * structure (68 articles in their chapters, numbered paragraphs, lettered subparagraphs) is real.
 */
import { buildUnPdf } from './un-pdf-fixture.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

export type GeneratedLanguage = 'en' | 'es';

type Block = Parameters<typeof buildUnPdf>[0][number];

const WORDS = {
  en: { article: 'Article', chapter: 'Chapter', title: (n: number, table: string) => table || `Article ${n}`, intro: 'The States Parties to this Convention,', agreed: 'Have agreed as follows:' },
  es: { article: 'Artículo', chapter: 'Capítulo', title: (n: number) => `Disposición número ${n}`, intro: 'Los Estados partes en la presente Convención,', agreed: 'Han convenido en lo siguiente:' },
} as const;

/** Returns the made-up text of one paragraph, unique to its ref, so a test can find it again. */
export function generatedParagraph(language: GeneratedLanguage, article: number, paragraph: number): string {
  // Long enough to wrap over several lines, as the convention's paragraphs do in print.
  return language === 'en'
    ? `Each State Party shall take the measures set out in provision ${article}.${paragraph} of this generated text, in accordance with its domestic law and with the fundamental principles of its legal system, and shall report on them to the Conference of the States Parties.`
    : `Cada Estado parte adoptará las medidas previstas en la disposición ${article}.${paragraph} de este texto generado, de conformidad con su derecho interno y con los principios fundamentales de su ordenamiento jurídico, e informará de ellas a la Conferencia de los Estados partes.`;
}

/** How many paragraphs an article gets: Article 28 has five, as in the convention. */
function paragraphCount(article: number): number {
  return article === 28 ? 5 : 1 + (article % 3);
}

/** Returns the document's blocks in reading order; `omit` leaves articles out (a broken document). */
export function generateBlocks(language: GeneratedLanguage, opts: { omit?: readonly number[] } = {}): Block[] {
  const w = WORDS[language];
  const blocks: Block[] = [{ kind: 'plain', text: w.intro }, { kind: 'plain', text: w.agreed }];
  let chapter = '';
  for (const a of KNOWLEDGE.articles.final) {
    if (a.chapter !== chapter) {
      chapter = a.chapter;
      blocks.push({ kind: 'heading', text: `${w.chapter} ${a.chapter}` }, { kind: 'title', text: language === 'en' ? a.chapterTitle : `Capítulo número ${a.chapter}` });
    }
    if (opts.omit?.includes(a.number)) continue;
    blocks.push({ kind: 'heading', text: `${w.article} ${a.number}` }, { kind: 'title', text: w.title(a.number, a.title) });
    for (let p = 1; p <= paragraphCount(a.number); p++) {
      const text = generatedParagraph(language, a.number, p);
      if (p === 2) {
        blocks.push({ kind: 'para', text: `${p}. ${text.replace(/\.$/, ':')}` });
        const [x, y] = language === 'en' ? ['(a)', '(b)'] : ['a)', 'b)'];
        blocks.push({ kind: 'sub', text: `${x} ${language === 'en' ? 'the first case;' : 'el primer caso;'}` });
        blocks.push({ kind: 'sub', text: `${y} ${language === 'en' ? 'the second case.' : 'el segundo caso.'}` });
      } else {
        blocks.push({ kind: 'para', text: `${p}. ${text}` });
      }
    }
  }
  return blocks;
}

/** Returns the PDF bytes of a generated document, laid out as a UN resolution. */
export function generatePdf(language: GeneratedLanguage, opts: { omit?: readonly number[] } = {}): Promise<Uint8Array> {
  return buildUnPdf(generateBlocks(language, opts));
}

/** Returns an HTML rendition of a generated document (headings, titles and paragraphs as elements). */
export function generateHtml(language: GeneratedLanguage, opts: { omit?: readonly number[] } = {}): string {
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = generateBlocks(language, opts).map((b) => {
    if (b.kind === 'heading') return `<h3>${escape(b.text)}</h3>`;
    if (b.kind === 'title') return `<h4>${escape(b.text)}</h4>`;
    return `<p>${escape(b.text)}</p>`;
  });
  return `<!DOCTYPE html>\n<html lang="${language}"><head><meta charset="utf-8"><title>A/RES/79/243</title></head><body>\n<nav><a href="/">Home</a></nav>\n<main>\n${body.join('\n')}\n</main></body></html>\n`;
}
