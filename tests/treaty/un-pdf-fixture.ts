/**
 * Builds a PDF in the layout of a UN General Assembly resolution from the HTML fixture: running
 * heads with the document symbol on every page, "n/N" page numbers, a job number and a footnote on
 * the first page, centred bold headings, indented paragraphs, and words hyphenated at line ends.
 */
import { load } from 'cheerio';
import PDFDocument from 'pdfkit';

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const LEFT = 72;
const RIGHT = PAGE_WIDTH - 72;
const TOP = 80;
const BOTTOM = PAGE_HEIGHT - 90;
const SIZE = 10;
const LEADING = 12;

type Block = { kind: 'heading' | 'title' | 'para' | 'sub' | 'plain'; text: string };

/** Returns the blocks of the HTML fixture in reading order. */
export function readFixtureBlocks(html: string): Block[] {
  const $ = load(html);
  const blocks: Block[] = [];
  $('main').children().each((_, el) => {
    const node = $(el);
    const tag = el.tagName.toLowerCase();
    if (tag === 'h2') {
      const [numeral, title] = (node.html() ?? '').split(/<br\s*\/?>/);
      blocks.push({ kind: 'heading', text: load(numeral ?? '').text().trim() }, { kind: 'title', text: load(title ?? '').text().trim() });
    } else if (tag === 'h3') blocks.push({ kind: 'heading', text: node.text().trim() });
    else if (tag === 'h4' || tag === 'h1') blocks.push({ kind: 'title', text: node.text().trim() });
    else if (tag === 'p') {
      node.find('sup').remove();
      const text = node.text().trim();
      blocks.push({ kind: /^\(/.test(text) ? 'sub' : /^\d+\./.test(text) ? 'para' : 'plain', text });
    }
  });
  return blocks;
}

/** Returns the bytes of a UN-layout PDF of the blocks. */
export async function buildUnPdf(blocks: readonly Block[]): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: [PAGE_WIDTH, PAGE_HEIGHT], margin: 0, autoFirstPage: false, bufferPages: true });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));

  const pages: number[] = [];
  let y = 0;
  const newPage = () => {
    doc.addPage();
    pages.push(pages.length + 1);
    y = TOP;
  };
  const line = (text: string, x: number, font: string, lineHeight = LEADING) => {
    if (y + lineHeight > BOTTOM) newPage();
    doc.font(font).fontSize(SIZE).text(text, x, y, { lineBreak: false });
    y += lineHeight;
  };

  newPage();
  let footnotePlaced = false;
  for (const block of blocks) {
    if (block.kind === 'heading' || block.kind === 'title') {
      doc.font('Times-Bold').fontSize(SIZE);
      y += block.kind === 'heading' ? 8 : 0;
      for (const l of wrap(doc, block.text, 300, false)) line(l, (PAGE_WIDTH - doc.widthOfString(l)) / 2, 'Times-Bold');
      y += 4;
      continue;
    }
    const indent = block.kind === 'para' ? 36 : block.kind === 'sub' ? 54 : 36;
    doc.font('Times-Roman').fontSize(SIZE);
    const first = wrap(doc, block.text, RIGHT - LEFT - indent, true);
    const head = first[0] ?? '';
    const rest = wrap(doc, block.text.slice(head.replace(/-$/, '').length).trim(), RIGHT - LEFT, true);
    line(head, LEFT + indent, 'Times-Roman');
    if (!footnotePlaced && /States Parties to this Convention,$/.test(block.text)) {
      const markerX = LEFT + indent + doc.widthOfString(head) + 1;
      doc.fontSize(6).text('1', markerX, y - LEADING - 3, { lineBreak: false });
      footnotePlaced = true;
    }
    for (const l of rest) line(l, LEFT, 'Times-Roman');
    y += 6;
  }

  const total = pages.length;
  for (let i = 0; i < total; i++) {
    doc.switchToPage(i);
    doc.font('Times-Roman').fontSize(SIZE);
    const symbol = 'A/RES/79/243';
    const odd = i % 2 === 0;
    doc.text(symbol, odd ? RIGHT - doc.widthOfString(symbol) : LEFT, 40, { lineBreak: false });
    if (!odd) doc.text('United Nations Convention against Cybercrime', RIGHT - doc.widthOfString('United Nations Convention against Cybercrime'), 40, { lineBreak: false });
    const number = `${i + 1}/${total}`;
    doc.text(number, odd ? RIGHT - doc.widthOfString(number) : LEFT, PAGE_HEIGHT - 50, { lineBreak: false });
    if (i === 0) {
      doc.fontSize(8).text('1 Official Records of the General Assembly, Seventy-ninth Session, Supplement No. 53.', LEFT, BOTTOM + 10, { lineBreak: false });
      doc.fontSize(8).text('24-24614 (E)', LEFT, PAGE_HEIGHT - 50, { lineBreak: false });
    }
  }
  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

// Greedy wrap; a long word that does not fit is split with a hyphen when both halves keep 3 letters.
function wrap(doc: PDFKit.PDFDocument, text: string, width: number, hyphenate: boolean): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (doc.widthOfString(candidate) <= width) {
      current = candidate;
      continue;
    }
    if (hyphenate && current !== '' && /^[a-z]{8,}[,;.]?$/.test(word)) {
      let cut = word.replace(/[,;.]$/, '').length - 3;
      while (cut >= 3 && doc.widthOfString(`${current} ${word.slice(0, cut)}-`) > width) cut--;
      if (cut >= 3) {
        lines.push(`${current} ${word.slice(0, cut)}-`);
        current = word.slice(cut);
        continue;
      }
    }
    if (current !== '') lines.push(current);
    current = word;
  }
  if (current !== '') lines.push(current);
  return lines;
}
