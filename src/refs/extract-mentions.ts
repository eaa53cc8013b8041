/**
 * Extracts this convention's article references from free text, in three
 * stages: scan citations (tokenizer and grammar), bind each to an instrument, then resolve its
 * numbering to the final text. Each reference becomes one Mention; a list or short range gives one
 * per article ("Articles 45-46" -> 45 and 46).
 *
 * Deliberately left out of the mentions: chapters ("Chapter V" names nine to eighteen articles at
 * once; see extractChapterMentions), ranges longer than MAX_EXPANDED_RANGE articles, references to
 * other instruments, the NGO ARTICLE 19, and numbers that no article keyword introduces ("28.4
 * million"). A bare "paragraph 22" counts only when an article was cited in the same block within
 * the two sentences before it, and then belongs to that article.
 */
import type { Mention } from '../domain.js';
import type { Knowledge } from '../knowledge/load-knowledge.js';
import type { ArticleTables, TextVersion } from '../knowledge/article-tables.js';
import type { InstrumentCues } from '../knowledge/instrument-cues.js';
import { bindWithEvidence, type Binding, type SentenceCueLookup } from './bind-instrument.js';
import { formatRef, MAX_PARAGRAPH } from '../treaty/parse-command-ref.js';
import { findInstrumentCues, type InstrumentCue } from './instrument-cues.js';
import { readDocumentVersion, readNamedVersion, readSubjectPhrase } from './read-version-cues.js';
import { findNumberingEra, resolveNumbering } from './resolve-numbering.js';
import { scanCitations } from './scan-citations.js';
import { findSentenceIndex, formatSentence, splitSentences, type SentenceSpan } from './split-sentences.js';

/** A chapter of this convention named in the text ("Chapter V"). */
export interface ChapterMention {
  raw: string;
  /** Roman numeral, "I" to "IX" (the same chapters in every draft since the zero draft). */
  chapter: string;
  sentence: string;
}

/** What the extractor needs to know about the item beyond its text. */
export interface MentionContext {
  /** The item's date, YYYY-MM-DD, or null when unknown. */
  published: string | null;
  /** The article tables and instrument names the extractor reads. */
  knowledge: RefsKnowledge;
}

/** The part of the knowledge that reference extraction reads. */
export type RefsKnowledge = Pick<Knowledge, 'articles' | 'instruments'>;

// How far back a bare "paragraph 22" looks for the article it belongs to.
const BARE_PARAGRAPH_SENTENCES_BACK = 2;

interface Resolved {
  article: number;
  finalArticle: number;
  version: TextVersion;
  block: number;
  sentenceIndex: number;
}

/** Returns this convention's article references in `text`, in order, in final numbering with the cited form beside it. */
export function extractMentions(text: string, ctx: MentionContext): Mention[] {
  const citations = scanCitations(text).filter((c) => c.kind !== 'chapter');
  if (citations.length === 0) return [];
  const sentences = splitSentences(text);
  const era = findNumberingEra(ctx.knowledge.articles, ctx.published);
  const documentHint = readDocumentVersion(text);
  const known = ctx.knowledge.instruments;
  const cues = memoizeSentenceCues(text, known);
  const mentions: Mention[] = [];
  let lastArticle: Resolved | null = null;

  const bound = citations.map((citation) => {
    const sentenceIndex = findSentenceIndex(sentences, citation.start);
    const sentence = sentences[sentenceIndex]!;
    const previous = sentenceIndex > 0 ? sentences[sentenceIndex - 1]! : null;
    return { citation, sentenceIndex, sentence, binding: bindWithEvidence(text, citation, sentence, previous, cues, known) };
  });
  const otherArticles = articlesNamedAsOther(bound);

  for (const { citation, sentenceIndex, sentence, binding } of bound) {
    if (binding.owner !== 'this') continue;
    // Nothing named this convention, and the item gives the same number to another instrument
    // ("GDPR Article 48 ... an Article 48 agreement"): the citation is that instrument's too.
    if (binding.evidence === 'default' && citation.refs.every((r) => r.article !== null && otherArticles.has(r.article))) continue;

    const named = readNamedVersion(text, citation, sentence, era);
    const subject = citation.refs.length === 1 ? readSubjectPhrase(text, citation, sentence) : '';
    const sentenceText = formatSentence(text, sentence, citation.start);
    // The citing sentence and the first one (the item's title), the last evidence for an ambiguous number.
    const context = sentenceIndex === 0 ? sentenceText : `${formatSentence(text, sentences[0]!, 0)} ${sentenceText}`;
    const raw = citation.raw.replace(/\s+/g, ' ');
    for (const ref of citation.refs) {
      const resolved: Resolved | null =
        ref.article === null
          ? findOwningArticle(lastArticle, sentence, sentenceIndex)
          : resolveRef(ctx.knowledge.articles, ref.article, { named, subject, era, documentHint, context }, sentence, sentenceIndex);
      if (!resolved || (ref.paragraph !== null && (ref.paragraph < 1 || ref.paragraph > MAX_PARAGRAPH))) continue;
      if (ref.article !== null) lastArticle = resolved;
      mentions.push({
        raw,
        ref: formatRef({ article: resolved.finalArticle, paragraph: ref.paragraph, letter: ref.letter }),
        cited_as: formatRef({ article: resolved.article, paragraph: ref.paragraph, letter: ref.letter }),
        version: resolved.version,
        sentence: sentenceText,
      });
    }
  }
  return mentions;
}

/** Returns the chapters of this convention named in `text` ("Chapter IV", "Chapters IV and V"), in order. */
export function extractChapterMentions(text: string, known: InstrumentCues): ChapterMention[] {
  const citations = scanCitations(text).filter((c) => c.kind === 'chapter');
  if (citations.length === 0) return [];
  const sentences = splitSentences(text);
  const cues = memoizeSentenceCues(text, known);
  const out: ChapterMention[] = [];
  for (const citation of citations) {
    const index = findSentenceIndex(sentences, citation.start);
    const sentence = sentences[index]!;
    if (bindWithEvidence(text, citation, sentence, index > 0 ? sentences[index - 1]! : null, cues, known).owner !== 'this') continue;
    const sentenceText = formatSentence(text, sentence, citation.start);
    for (const chapter of citation.chapters) out.push({ raw: citation.raw.replace(/\s+/g, ' '), chapter, sentence: sentenceText });
  }
  return out;
}

function articlesNamedAsOther(bound: readonly { citation: { refs: { article: number | null }[] }; binding: Binding }[]): Set<number> {
  const out = new Set<number>();
  for (const { citation, binding } of bound) {
    if (binding.owner === 'other' && binding.evidence === 'named') for (const r of citation.refs) if (r.article !== null) out.add(r.article);
  }
  return out;
}

function resolveRef(
  tables: ArticleTables,
  article: number,
  cues: { named: TextVersion | null; subject: string; era: ReturnType<typeof findNumberingEra>; documentHint: TextVersion | null; context: string },
  sentence: SentenceSpan,
  sentenceIndex: number,
): Resolved | null {
  const resolved = resolveNumbering(tables, { article, named: cues.named, subject: cues.subject, era: cues.era, documentHint: cues.documentHint, context: cues.context });
  return resolved ? { article, finalArticle: resolved.finalArticle, version: resolved.version, block: sentence.block, sentenceIndex } : null;
}

function findOwningArticle(last: Resolved | null, sentence: SentenceSpan, sentenceIndex: number): Resolved | null {
  if (!last || last.block !== sentence.block || sentenceIndex - last.sentenceIndex > BARE_PARAGRAPH_SENTENCES_BACK) return null;
  return last;
}

// Instrument names are looked up only in sentences that cite something, once per sentence.
function memoizeSentenceCues(text: string, known: InstrumentCues): SentenceCueLookup {
  const memo = new Map<number, InstrumentCue[]>();
  return (span) => {
    let cues = memo.get(span.start);
    if (!cues) {
      cues = findInstrumentCues(known, text.slice(span.start, span.end)).map((c) => ({ owner: c.owner, start: c.start + span.start, end: c.end + span.start }));
      memo.set(span.start, cues);
    }
    return cues;
  };
}
