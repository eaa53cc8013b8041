/** The `article <ref> [zero|final] [language]` command: parse the ref, look it up, format a neutral Message. */
import type { Block, Message, Span } from '../chat/message.js';
import { errorMessage } from '../chat/message.js';
import { displayRef, parseCommandRef } from '../treaty/parse-command-ref.js';
import type { Db } from '../store/db.js';
import { ArticleNotFoundError, lookupArticle, type ArticleLookup } from '../treaty/lookup-article.js';
import { LANGUAGE_NAMES } from '../treaty/official-text.js';
import type { TextLanguage } from '../domain.js';
import type { ArticleTables } from '../knowledge/article-tables.js';

/** The usage line shown with every error of the command. */
export const ARTICLE_USAGE = 'article <ref> [zero|final] [ar|zh|en|fr|ru|es]';
/** Import command suggested when no official text is stored. */
export const IMPORT_HINT = 'treatywatch treaty import';
// Slack caps a section at 3000 characters; the quote stays well inside with room for its marker.
const MAX_QUOTE_CHARS = 2_500;
const MAX_SENTENCE_CHARS = 300;

/** Returns the reply to `article <args>` in the channel's language (the ref's own wins): the lookup, or an error Message with the usage line (never throws). */
export function answerArticle(db: Db, tables: ArticleTables, args: string, channelLanguage?: TextLanguage): Message {
  const parsed = parseCommandRef(tables, args, 'final');
  if (!parsed.ok) return errorMessage(parsed.error, ARTICLE_USAGE);
  try {
    return formatArticleLookup(lookupArticle(db, tables, parsed.ref, channelLanguage));
  } catch (err) {
    const reason = err instanceof ArticleNotFoundError ? err.reason : 'The lookup failed; try again later.';
    return errorMessage(reason, ARTICLE_USAGE);
  }
}

/** Returns a lookup as a Message: heading, chapter and draft number, official text, what items say. */
export function formatArticleLookup(lookup: ArticleLookup): Message {
  const name = displayRef(lookup.article, lookup.paragraph, lookup.letter);
  const blocks: Block[] = [{ type: 'heading', text: `${name}: ${lookup.title}` }];
  if (lookup.asked.version === 'zero') {
    const askedName = displayRef(Number(lookup.asked.ref.split('.')[0]), null, null);
    const note = lookup.paragraph !== null ? ' Paragraph numbers can differ between drafts; this shows the final text.' : '';
    blocks.push({ type: 'paragraph', spans: [{ text: `Zero-draft ${askedName} is Article ${lookup.article} of the final text.${note}` }] });
  }
  blocks.push({
    type: 'fields',
    fields: [
      { label: 'Chapter', value: `${lookup.chapter}. ${lookup.chapterTitle}` },
      { label: 'Zero draft', value: lookup.zeroDraft ? `Article ${lookup.zeroDraft.article} (${lookup.zeroDraft.title})` : 'not in the zero draft' },
    ],
  });
  blocks.push(...formatOfficialText(lookup));
  blocks.push(...formatItems(lookup));
  blocks.push({ type: 'context', spans: joinSpans(lookup.links.map((l) => ({ text: l.label, url: l.url })), ' · ') });
  return { kind: 'reply', summary: `${name}: ${lookup.title} (chapter ${lookup.chapter})`, blocks };
}

function formatOfficialText(lookup: ArticleLookup): Block[] {
  if (lookup.officialText.length > 0) {
    const text = lookup.officialText
      .map((p) => (p.letter !== null ? `(${p.letter}) ` : p.paragraph !== null && p.ref.split('.').length === 2 ? `${p.paragraph}. ` : '') + p.text)
      .join('\n');
    const clipped = text.length > MAX_QUOTE_CHARS ? `${text.slice(0, MAX_QUOTE_CHARS - 1).trimEnd()}…` : text;
    const blocks: Block[] = [{ type: 'quote', text: clipped }, ...formatLanguageNote(lookup)];
    if (clipped !== text) blocks.push({ type: 'context', spans: [{ text: `Text shortened; ask for one paragraph, e.g. article ${lookup.article}.1.` }] });
    return blocks;
  }
  if (lookup.textImported) {
    return [{ type: 'paragraph', spans: [{ text: `The imported official text has no ${displayRef(lookup.article, lookup.paragraph, lookup.letter)}.` }] }, ...formatLanguageNote(lookup)];
  }
  return [
    {
      type: 'paragraph',
      spans: [
        { text: 'The official text is not imported yet. The bot reads it from the UN document unless that is switched off; an operator can also import it with ' },
        { text: IMPORT_HINT, code: true },
        { text: '.' },
      ],
    },
  ];
}

// Says which language the quote is in when it is not English, and when the asked language fell back.
function formatLanguageNote(lookup: ArticleLookup): Block[] {
  if (lookup.askedLanguage !== lookup.language) {
    const asked = LANGUAGE_NAMES[lookup.askedLanguage];
    return [{
      type: 'context',
      spans: [{ text: `The ${asked} text is not imported; this is the ${LANGUAGE_NAMES[lookup.language]} text. An operator can add it with ` }, { text: `${IMPORT_HINT} --lang ${lookup.askedLanguage}`, code: true }, { text: '.' }],
    }];
  }
  return lookup.language === 'en' ? [] : [{ type: 'context', spans: [{ text: `Official text in ${LANGUAGE_NAMES[lookup.language]} (A/RES/79/243).` }] }];
}

function formatItems(lookup: ArticleLookup): Block[] {
  if (lookup.taggedItems === 0) return [{ type: 'context', spans: [{ text: `No tagged items cite Article ${lookup.article} yet.` }] }];
  const counts = lookup.concerns.map((c) => `${c.concern} ${c.count}`).join(' · ');
  const blocks: Block[] = [
    { type: 'context', spans: [{ text: `${lookup.taggedItems} tagged item${lookup.taggedItems === 1 ? ' cites' : 's cite'} Article ${lookup.article}${counts ? `: ${counts}` : ''}` }] },
  ];
  const items = lookup.latestItems.map((item): Span[] => {
    const date = item.publishedAtMs === null ? 'undated' : new Date(item.publishedAtMs).toISOString().slice(0, 10);
    const title: Span = item.url ? { text: item.title || item.url, url: item.url } : { text: item.title || '(untitled)' };
    const sentence = item.sentence.length > MAX_SENTENCE_CHARS ? `${item.sentence.slice(0, MAX_SENTENCE_CHARS - 1)}…` : item.sentence;
    return [title, { text: ` (${item.sourceName}, ${date}, cites ${item.ref}): ` }, { text: `“${sentence}”`, italic: true }];
  });
  if (items.length > 0) blocks.push({ type: 'list', items });
  return blocks;
}

function joinSpans(spans: readonly Span[], separator: string): Span[] {
  return spans.flatMap((s, i) => (i === 0 ? [s] : [{ text: separator }, s]));
}
