/**
 * Extracts the running text of a UN document PDF as lines, ready for `parseOfficialText`.
 *
 * pdfjs-dist gives positioned text runs; from them:
 * 1. Runs smaller than the body size are dropped: footnotes and their superscript markers.
 * 2. Runs on one baseline become a line, in reading order.
 * 3. The first and last lines of a page are dropped while they are running heads or feet: set
 *    apart from the text by more than a line's spacing, and either repeated at the same height on
 *    at least 40% of the pages (the short title on alternate pages), a page number ("3/41", "- 3 -"), a
 *    document symbol or a UN job number ("24-24614").
 * 4. A blank line is written before a line that starts a new block: one set off by extra space
 *    or by its indent after a finished sentence. Consecutive centred lines (a wrapped heading)
 *    are joined into one line.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

interface Run {
  text: string;
  x: number;
  y: number;
  size: number;
  width: number;
}

interface Line {
  text: string;
  x: number;
  xEnd: number;
  y: number;
  size: number;
  page: number;
}

/** Called after each page is read: 1-based page number and page count. */
export type PageProgress = (page: number, pages: number) => void;

const PAGE_NUMBER = /^(?:page\s+)?[-\u2013]?\s*\d{1,4}\s*(?:\/\s*\d{1,4}|of\s+\d{1,4})?\s*[-\u2013]?$/i;
const JOB_NUMBER = /^\d{2}-\d{5}\b/;
const DOCUMENT_SYMBOL = /^[A-Z]{1,6}(?:\/[A-Z0-9.]+){2,}$/;
const ENDS_SENTENCE = /(?:[.:;]|;\s+(?:and|or))["\u201d)]?$/;

/** Returns the text of a PDF as lines, running heads, feet and footnotes removed. */
export async function convertPdfToText(bytes: Uint8Array, onPage?: PageProgress): Promise<string> {
  const pages = await readPages(bytes, onPage);
  const bodySize = findBodySize(pages.flat());
  const lines = pages.map((runs, i) => joinRuns(runs.filter((r) => r.size >= bodySize * 0.95), i));
  const leading = findLeading(lines);
  const repeated = countEdgeLines(lines);
  // Alternating heads appear on every other page; body lines rarely repeat at one height that often.
  const minRepeats = Math.max(2, Math.ceil(lines.length * 0.4));
  const body = lines.flatMap((page) => stripRunningLines(page, (line) => (repeated.get(edgeKey(line)) ?? 0) >= minRepeats, leading));
  return writeBlocks(body, leading);
}

async function readPages(bytes: Uint8Array, onPage?: PageProgress): Promise<Run[][]> {
  // pdfjs takes ownership of the buffer it is given, so it gets a copy.
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false });
  let doc;
  try {
    doc = await task.promise;
  } catch (cause) {
    throw new Error('treaty: the PDF cannot be read', { cause });
  }
  try {
    const pages: Run[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [a, b, , d, x, y] = item.transform as number[];
        runs.push({ text: item.str, x: x!, y: y!, size: Math.abs(d!) || Math.hypot(a!, b!), width: item.width });
      }
      pages.push(runs);
      page.cleanup();
      onPage?.(n, doc.numPages);
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

function findBodySize(runs: readonly Run[]): number {
  const weight = new Map<number, number>();
  for (const r of runs) {
    const size = Math.round(r.size * 10) / 10;
    weight.set(size, (weight.get(size) ?? 0) + r.text.length);
  }
  let best = 0;
  let bestWeight = -1;
  for (const [size, w] of weight) if (w > bestWeight) [best, bestWeight] = [size, w];
  return best;
}

function joinRuns(runs: readonly Run[], page: number): Line[] {
  const sorted = [...runs].sort((p, q) => q.y - p.y || p.x - q.x);
  const groups: Run[][] = [];
  for (const run of sorted) {
    const group = groups[groups.length - 1];
    if (group && Math.abs(group[0]!.y - run.y) < run.size * 0.4) group.push(run);
    else groups.push([run]);
  }
  return groups.map((group) => {
    group.sort((p, q) => p.x - q.x);
    let text = '';
    let end = -Infinity;
    for (const run of group) {
      const gap = run.x - end;
      if (text !== '' && gap > run.size * 0.15 && !/\s$/.test(text) && !/^\s/.test(run.text)) text += ' ';
      text += run.text;
      end = run.x + run.width;
    }
    const first = group[0]!;
    return { text: text.replace(/\s+/g, ' ').trim(), x: first.x, xEnd: end, y: first.y, size: first.size, page };
  });
}

// A running head or foot sits at the same height on other pages; key lines by text and height.
function edgeKey(line: Line): string {
  return `${Math.round(line.y / 2)}|${line.text}`;
}

function countEdgeLines(pages: readonly Line[][]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const page of pages) {
    const edges = new Set([...page.slice(0, 2), ...page.slice(-2)].map(edgeKey));
    for (const key of edges) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function stripRunningLines(page: readonly Line[], isRepeated: (line: Line) => boolean, leading: number): Line[] {
  // Heads and feet are set apart from the text by more than a line's spacing; body lines never are.
  const isRunning = (line: Line, neighbour: Line | undefined) =>
    (neighbour === undefined || Math.abs(line.y - neighbour.y) > leading * 1.6) &&
    (PAGE_NUMBER.test(line.text) || JOB_NUMBER.test(line.text) || DOCUMENT_SYMBOL.test(line.text) || isRepeated(line));
  let start = 0;
  let end = page.length;
  for (let k = 0; k < 3 && start < end && isRunning(page[start]!, page[start + 1]); k++) start++;
  for (let k = 0; k < 3 && end > start && isRunning(page[end - 1]!, page[end - 2]); k++) end--;
  return page.slice(start, end);
}

function findLeading(pages: readonly Line[][]): number {
  const gaps = pages.flatMap((page) => page.slice(1).map((l, i) => Math.round(page[i]!.y - l.y)).filter((g) => g > 0));
  return mostCommon(gaps) || 12;
}

function writeBlocks(lines: readonly Line[], leading: number): string {
  if (lines.length === 0) return '';
  const left = mostCommon(lines.map((l) => Math.round(l.x)));
  const right = Math.max(...lines.map((l) => l.xEnd));
  const middle = (left + right) / 2;
  // Paragraph and subparagraph indents recur; a centred heading starts wherever its width puts it.
  const starts = new Map<number, number>();
  for (const l of lines) starts.set(Math.round(l.x), (starts.get(Math.round(l.x)) ?? 0) + 1);
  const isIndent = (x: number) => [-1, 0, 1].some((d) => (starts.get(Math.round(x) + d) ?? 0) >= 5);
  const isCentred = (l: Line) =>
    !isIndent(l.x) &&
    l.x - left > l.size * 1.5 && right - l.xEnd > l.size * 1.5 && Math.abs((l.x + l.xEnd) / 2 - middle) < l.size * 1.5;

  const out: string[] = [];
  let previous: Line | null = null;
  for (const line of lines) {
    const centred = isCentred(line);
    const heading = /^(?:Article|ARTICLE|Chapter|CHAPTER)\s+\S+$/.test(line.text);
    if (previous === null) {
      out.push(line.text);
    } else {
      const samePage = previous.page === line.page;
      const spaced = samePage && previous.y - line.y > leading * 1.4;
      const indented = line.x - left > line.size && ENDS_SENTENCE.test(out[out.length - 1]!);
      const wasCentred = isCentred(previous);
      const previousHeading = /^(?:Article|ARTICLE|Chapter|CHAPTER)\s+\S+$/.test(previous.text);
      if (centred && wasCentred && !heading && !previousHeading && !spaced) {
        out[out.length - 1] += ` ${line.text}`;
      } else if (spaced || indented || centred !== wasCentred || heading) {
        out.push('', line.text);
      } else {
        out.push(line.text);
      }
    }
    previous = line;
  }
  return out.join('\n');
}

function mostCommon(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0] ?? 0;
  for (const [v, c] of counts) if (c > (counts.get(best) ?? 0)) best = v;
  return best;
}
