/**
 * Parses the argument of the `article` command ("28.4", "Art 28 (4) (b)", "zero:17",
 * "paragraph 4 of article 28") into one validated reference.
 *
 * Rules, in order:
 * 1. The numbering is taken from a version word anywhere in the input ("zero", "draft", "Rev.1",
 *    "A/AC.291/22" -> zero draft; "final", "adopted" -> final text), else the caller's default.
 * 2. The rest is read as numbers and single letters; "article"/"paragraph" keywords say which number
 *    is which, otherwise the first number is the article and the second the paragraph.
 * 3. The article must exist in that numbering; paragraphs cannot be checked without the official
 *    text, so any 1..99 is accepted; a letter is a..z. "bis"/"ter" are refused: neither text uses them.
 * 4. A language code of the six UN languages ("es", "fr", "ar", "zh", "ru", "en") asks for the
 *    official text in that language.
 * A leading "§" is read as "article": in a lookup command there is nothing else it could mean.
 */
import type { ArticleTables, TextVersion } from '../knowledge/article-tables.js';
import { isTextLanguage, type TextLanguage } from '../domain.js';

/** One article, paragraph or subparagraph of a given numbering. */
export interface CommandRef {
  version: TextVersion;
  article: number;
  paragraph: number | null;
  letter: string | null;
  /** The language asked for with the ref ("article 28.4 es"), when one was. */
  language?: TextLanguage;
}

/** The parsed ref, or a short message for the user with the nearest article numbers. */
export type CommandRefResult = { ok: true; ref: CommandRef } | { ok: false; error: string; suggestions: number[] };

/** Highest paragraph number accepted: no article of the convention comes near it. */
export const MAX_PARAGRAPH = 99;

const USAGE = 'Write an article reference like 28, 28.4, 28(4)(b), "Article 28, paragraph 4" or zero:17.';

const ARTICLE_WORDS = new Set(['article', 'articles', 'art', 'arts']);
const PARAGRAPH_WORDS = new Set(['paragraph', 'paragraphs', 'para', 'paras', 'par', 'pars', '¶']);
const LETTER_WORDS = new Set(['subparagraph', 'subpara', 'sub', 'letter', 'lit', 'item']);
const FILLER_WORDS = new Set(['of', 'the', 'in', 'no', 'nr', 'number', 'text', 'version', 'as', 'un', 'convention']);
const ZERO_WORDS = new Set(['zero', 'draft']);
const FINAL_WORDS = new Set(['final', 'adopted']);
const PUNCTUATION = new Set(['.', ',', '(', ')', ':', ';', '#']);

type Token = { kind: 'number'; value: number; text: string } | { kind: 'word'; text: string };
type Role = 'article' | 'paragraph' | 'letter' | null;

/** Returns the article reference in `input`, validated against the article table of its numbering. */
export function parseCommandRef(tables: ArticleTables, input: string, defaultVersion: TextVersion = 'final'): CommandRefResult {
  const normalized = normalizeInput(input);
  if (normalized === '') return fail(`Give an article reference. ${USAGE}`);

  const tokens = tokenize(normalized);
  const versions = new Set<TextVersion>();
  const languages = new Set<TextLanguage>();
  const numbers: { value: number; role: Role }[] = [];
  const letters: string[] = [];
  let pendingRole: Role = null;

  let previous: Token | undefined;
  for (const token of tokens) {
    const before = previous;
    previous = token;
    if (token.kind === 'number') {
      const role = pendingRole === 'letter' ? null : pendingRole;
      // An unmarked second number must hang on the first ("28.4", "28(4)"): "28, 29" or "28 29"
      // is more likely a list of articles than a paragraph.
      const attached = before?.kind === 'word' && (before.text === '.' || before.text === '(');
      if (letters.length > 0 || (role === null && numbers.length > 0 && !attached)) {
        return fail(`One article at a time, as article, paragraph, letter (like 28.4.b). ${USAGE}`);
      }
      numbers.push({ value: token.value, role });
      pendingRole = null;
      continue;
    }
    const word = token.text;
    if (PUNCTUATION.has(word) || FILLER_WORDS.has(word)) continue;
    if (ZERO_WORDS.has(word)) versions.add('zero');
    else if (FINAL_WORDS.has(word)) versions.add('final');
    else if (isTextLanguage(word)) languages.add(word);
    else if (word === '§') pendingRole = numbers.length === 0 ? 'article' : 'paragraph';
    else if (ARTICLE_WORDS.has(word)) pendingRole = 'article';
    else if (PARAGRAPH_WORDS.has(word)) pendingRole = 'paragraph';
    else if (LETTER_WORDS.has(word)) pendingRole = 'letter';
    else if (word === 'bis' || word === 'ter') return fail(`Neither the final text nor the zero draft numbers articles with "${word}". ${USAGE}`);
    else if (/^[a-z]$/.test(word)) {
      letters.push(word);
      pendingRole = null;
    } else return fail(`"${input.trim().slice(0, 40)}" is not an article reference. ${USAGE}`);
  }

  if (versions.size > 1) return fail('Say either "zero" or "final", not both.');
  if (languages.size > 1) return fail('Ask for one language at a time (ar, zh, en, fr, ru or es).');
  const version = versions.values().next().value ?? defaultVersion;
  const result = resolveParts(tables, numbers, letters, version);
  const language = languages.values().next().value;
  return result.ok && language !== undefined ? { ok: true, ref: { ...result.ref, language } } : result;
}

/** Returns the canonical dotted form of a ref: "28", "28.4", "28.4.b" or "2.b". */
export function formatRef(ref: Pick<CommandRef, 'article' | 'paragraph' | 'letter'>): string {
  let text = String(ref.article);
  if (ref.paragraph !== null) text += `.${ref.paragraph}`;
  if (ref.letter !== null) text += `.${ref.letter}`;
  return text;
}

/** Returns "Article 28", "Article 28(4)", "Article 28(4)(b)" or "Article 2(b)". */
export function displayRef(article: number, paragraph: number | null, letter: string | null): string {
  return `Article ${article}${paragraph !== null ? `(${paragraph})` : ''}${letter !== null ? `(${letter})` : ''}`;
}

/** Returns the article numbers of a numbering nearest to `article` (one, or two on a tie). */
export function findNearestArticles(tables: ArticleTables, article: number, version: TextVersion): number[] {
  const numbers = tables[version].map((a) => a.number);
  let best = Infinity;
  for (const n of numbers) best = Math.min(best, Math.abs(n - article));
  return numbers.filter((n) => Math.abs(n - article) === best);
}

function resolveParts(tables: ArticleTables, numbers: { value: number; role: Role }[], letters: string[], version: TextVersion): CommandRefResult {
  if (numbers.length === 0) return fail(`No article number found. ${USAGE}`);
  if (numbers.length > 2 || letters.length > 1) {
    return fail(`One article at a time, as article, paragraph, letter (like 28.4.b). ${USAGE}`);
  }
  // Keywords decide first ("paragraph 4 of article 28"); unmarked numbers fill the gaps in order.
  const articleEntry = numbers.find((n) => n.role === 'article') ?? numbers.find((n) => n.role === null);
  const rest = numbers.filter((n) => n !== articleEntry);
  if (!articleEntry || rest.some((n) => n.role === 'article')) return fail(`Name one article. ${USAGE}`);
  const paragraph = rest[0]?.value ?? null;

  const article = articleEntry.value;
  const table = tables[version];
  const last = table[table.length - 1]?.number ?? 0;
  if (!table.some((a) => a.number === article)) {
    const suggestions = findNearestArticles(tables, article, version);
    const where = version === 'zero' ? 'the zero draft' : 'the final text';
    const nearest = suggestions.map((n) => `Article ${n}`).join(' or ');
    return fail(`There is no Article ${article} in ${where}; the articles run from 1 to ${last}. Nearest: ${nearest}.`, suggestions);
  }
  if (paragraph !== null && (paragraph < 1 || paragraph > MAX_PARAGRAPH)) {
    return fail(`Paragraph numbers run from 1 to ${MAX_PARAGRAPH}; "${paragraph}" is not one.`, [article]);
  }
  return { ok: true, ref: { version, article, paragraph, letter: letters[0] ?? null } };
}

// Lower-cases, unifies dashes and spaces, and turns draft symbols into one version word so their
// digits ("Rev.1", "A/AC.291/22") are not read as article numbers.
function normalizeInput(input: string): string {
  return input
    .toLowerCase()
    .replace(/[\u00a0\u2000-\u200b\u202f\u3000]/g, ' ')
    .replace(/a\/ac\.291\/22(?:\/rev\.\s*[12])?/g, ' draft ')
    .replace(/\brev(?:ision)?\.?\s*[12]\b/g, ' draft ')
    .replace(/\b(?:zero|final)(?=:)/g, (w) => ` ${w} `)
    .trim();
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // Digits, letter runs and single symbols; anything else (dashes, slashes, quotes) becomes a word
  // the parser rejects, so "28-30" or "28/4" get the usage message rather than a silent guess.
  for (const match of text.matchAll(/\d+|[a-z]+|\S/g)) {
    const part = match[0];
    if (/^\d+$/.test(part)) {
      // Cap absurd lengths so Number() stays exact; any value this large is "not found" anyway.
      tokens.push({ kind: 'number', value: part.length > 6 ? 1_000_000 : Number(part), text: part });
    } else tokens.push({ kind: 'word', text: part });
  }
  return tokens;
}

function fail(error: string, suggestions: number[] = []): CommandRefResult {
  return { ok: false, error, suggestions };
}
