/** One sentence of a text: its span and the block (paragraph, heading or list item) it sits in. */
export interface SentenceSpan {
  start: number;
  end: number;
  block: number;
}

// Abbreviations after which a full stop does not end a sentence ("Art. 28", "para. 4", "e.g. the").
const ABBREVIATIONS = new Set([
  'art', 'arts', 'para', 'paras', 'no', 'nos', 'e.g', 'i.e', 'cf', 'vs', 'v', 'mr', 'ms', 'mrs', 'dr', 'st',
  'u.s', 'u.n', 'rev', 'sec', 'p', 'pp', 'fig', 'al', 'ch', 'chap', 'vol', 'op', 'cit', 'approx', 'incl', 'ref',
]);
// A hard-wrapped line ends mid-sentence; a shorter line without closing punctuation is a heading.
const HEADING_MAX_CHARS = 60;

/** Returns the sentences of `text` in order; blank lines and heading or list lines start a new block. */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  let block = 0;
  const boundary = /([.!?]["'”’)\]]*)([ \t\u00a0]+)|\r?\n/g;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    if (m[1] !== undefined) {
      if (!endsSentence(text, m.index, m.index + m[0].length)) continue;
      spans.push({ start, end: m.index + m[1].length, block });
      start = m.index + m[0].length;
      continue;
    }
    const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
    const line = text.slice(lineStart, m.index).trim();
    const next = text.slice(m.index + m[0].length, m.index + m[0].length + 200);
    const blank = line === '' || /^\s*\r?\n/.test(next);
    const closed = /[.!?:;]["'”’)\]]*$/.test(line) || line.length < HEADING_MAX_CHARS || /^\s*(?:[•*▪◦-]|\d+[.)])\s/.test(next);
    if (!blank && !closed) continue;
    if (text.slice(start, m.index).trim() !== '') spans.push({ start, end: m.index, block });
    start = m.index + m[0].length;
    block++;
  }
  if (text.slice(start).trim() !== '') spans.push({ start, end: text.length, block });
  return spans;
}

/** Returns the index of the sentence containing `offset` (the last one starting at or before it). */
export function findSentenceIndex(spans: readonly SentenceSpan[], offset: number): number {
  let low = 0;
  let high = spans.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (spans[mid]!.start <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Returns the sentence as one line of at most `maxChars`, cut around `focus` when it is longer. */
export function formatSentence(text: string, span: SentenceSpan, focus: number, maxChars = 300): string {
  const raw = text.slice(span.start, span.end);
  if (raw.length <= maxChars) return raw.replace(/\s+/g, ' ').trim();
  const from = Math.max(0, Math.min(focus - span.start - Math.floor(maxChars / 3), raw.length - maxChars));
  let window = raw.slice(from, from + maxChars);
  // Cut at word boundaries so the excerpt does not start or end mid-word.
  if (from > 0) window = window.replace(/^\S*\s+/, '');
  if (from + maxChars < raw.length) window = window.replace(/\s+\S*$/, '');
  return window.replace(/\s+/g, ' ').trim();
}

function endsSentence(text: string, dot: number, after: number): boolean {
  if (text[dot] === '.') {
    const word = /([A-Za-z][A-Za-z.]*)$/.exec(text.slice(Math.max(0, dot - 12), dot))?.[1]?.toLowerCase();
    if (word && ABBREVIATIONS.has(word)) return false;
  }
  const next = text.slice(after, after + 2);
  // A following lower-case word continues the sentence ("e.g. the", "approx. four").
  return !/^[a-z]/.test(next);
}
