import { beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/chat/render-text.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { answerArticle } from '../../src/commands/answer-article.js';
import { importOfficialText } from '../../src/treaty/import-official-text.js';
import { lookupArticle } from '../../src/treaty/lookup-article.js';
import { TEXT_PATH } from '../treaty/treaty-fixtures.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const DAY_MS = 86_400_000;
const START_MS = Date.UTC(2025, 0, 1);

/** Inserts an item with its article tags and concerns; returns its id. */
function insertItem(
  db: Db,
  item: { title: string; daysAfterStart: number; relevant?: number | null; tags: { ref: string; sentence: string }[]; concerns: string[] },
): number {
  const id = Number(
    db
      .prepare(`INSERT INTO items (source_id, dedupe_key, title, url, published_at_ms, fetched_at_ms, content_hash, relevant)
        VALUES ('ngo', @key, @title, @url, @at, @at, @key, @relevant)`)
      .run({ key: item.title, title: item.title, url: `https://ngo.example.org/${encodeURIComponent(item.title)}`, at: START_MS + item.daysAfterStart * DAY_MS, relevant: item.relevant === undefined ? 1 : item.relevant })
      .lastInsertRowid,
  );
  for (const tag of item.tags) {
    db.prepare(`INSERT INTO item_articles (item_id, ref, article, cited_as, version, raw, sentence) VALUES (?, ?, ?, ?, 'final', ?, ?)`).run(
      id, tag.ref, Number(tag.ref.split('.')[0]), tag.ref, `Article ${tag.ref}`, tag.sentence,
    );
  }
  for (const concern of item.concerns) db.prepare('INSERT INTO item_concerns (item_id, concern) VALUES (?, ?)').run(id, concern);
  return id;
}

function makeDb(): Db {
  const db = openDatabase(':memory:');
  db.prepare(`INSERT INTO sources (id, name, publisher, kind, url, interval_ms, created_at_ms) VALUES ('ngo', 'Digital Rights NGO', 'NGO', 'feed', 'https://ngo.example.org/feed', 3600000, 0)`).run();
  return db;
}

describe('lookupArticle and answerArticle', () => {
  let db: Db;

  beforeAll(async () => {
    db = makeDb();
    await importOfficialText(db, TEXT_PATH, { articles: KNOWLEDGE.articles, nowMs: 1 });
    for (let day = 1; day <= 6; day++) {
      insertItem(db, {
        title: `Analysis ${day}`,
        daysAfterStart: day,
        tags: [
          { ref: '28', sentence: `Article 28 is broad (analysis ${day}).` },
          ...(day % 2 === 0 ? [{ ref: '28.4', sentence: `Article 28(4) compels engineers (analysis ${day}).` }] : []),
        ],
        concerns: day % 2 === 0 ? ['compelled-assistance', 'stored-data-powers'] : ['stored-data-powers'],
      });
    }
    insertItem(db, { title: 'Off-topic post', daysAfterStart: 30, relevant: 0, tags: [{ ref: '28', sentence: 'Not about the treaty.' }], concerns: ['scope'] });
    insertItem(db, { title: 'Undated older note', daysAfterStart: 0, relevant: null, tags: [{ ref: '28.1', sentence: 'Paragraph 1 note.' }], concerns: [] });
    insertItem(db, { title: 'About Article 24', daysAfterStart: 40, tags: [{ ref: '24', sentence: 'Safeguards matter.' }], concerns: ['safeguards'] });
  });

  it('returns title, chapter, the paragraph text, the zero-draft number and what items say about Article 28(4)', () => {
    const lookup = lookupArticle(db, KNOWLEDGE.articles, { version: 'final', article: 28, paragraph: 4, letter: null });
    expect(lookup).toMatchObject({
      ref: '28.4',
      title: 'Search and seizure of stored electronic data',
      chapter: 'IV',
      chapterTitle: 'Procedural measures and law enforcement',
      zeroDraft: { article: 28 },
      textImported: true,
      taggedItems: 7,
      concerns: [
        { concern: 'stored-data-powers', count: 6 },
        { concern: 'compelled-assistance', count: 3 },
      ],
    });
    expect(lookup.officialText).toHaveLength(1);
    expect(lookup.officialText[0]!.text).toMatch(/^Each State Party shall adopt such legislative and other measures .* to order any person who has knowledge/);
  });

  it('lists the five newest relevant items, each with the sentence citing the asked ref when it has one', () => {
    const { latestItems } = lookupArticle(db, KNOWLEDGE.articles, { version: 'final', article: 28, paragraph: 4, letter: null });
    expect(latestItems.map((i) => i.title)).toEqual(['Analysis 6', 'Analysis 5', 'Analysis 4', 'Analysis 3', 'Analysis 2']);
    expect(latestItems[0]).toMatchObject({ sourceName: 'Digital Rights NGO', ref: '28.4', sentence: 'Article 28(4) compels engineers (analysis 6).' });
    expect(latestItems[1]).toMatchObject({ ref: '28', sentence: 'Article 28 is broad (analysis 5).' });
    expect(latestItems[0]!.publishedAtMs).toBe(START_MS + 6 * DAY_MS);
  });

  it('counts the citing items in a sentence that agrees with the number', () => {
    expect(renderPlainText(answerArticle(db, KNOWLEDGE.articles, '24'))).toContain('1 tagged item cites Article 24');
    expect(renderPlainText(answerArticle(db, KNOWLEDGE.articles, '28.4'))).toContain('7 tagged items cite Article 28');
  });

  it('answers a zero-draft ref with its final article', () => {
    const text = renderPlainText(answerArticle(db, KNOWLEDGE.articles, '17 zero'));
    expect(text).toContain('Zero-draft Article 17 is Article 4 of the final text.');
    expect(text).toContain('Article 4: Offences established in accordance with other United Nations conventions and protocols');
    expect(lookupArticle(db, KNOWLEDGE.articles, { version: 'zero', article: 6, paragraph: null, letter: null })).toMatchObject({ article: 7, zeroDraft: { article: 6 } });
  });

  it('shows a whole article with its paragraph and subparagraph markers', () => {
    const message = answerArticle(db, KNOWLEDGE.articles, 'Article 28');
    const quote = message.blocks.find((b) => b.type === 'quote');
    expect(quote).toMatchObject({ type: 'quote' });
    const text = quote?.type === 'quote' ? quote.text : '';
    expect(text.split('\n').map((l) => l.slice(0, 4))).toEqual(['1. E', '(a) ', '(b) ', '2. E', '3. E', '4. E', '5. T']);
  });

  it.each([
    { args: '99', problem: /no Article 99 in the final text.*Nearest: Article 68/ },
    { args: '', problem: /Give an article reference/ },
    { args: 'seizure', problem: /not an article reference/ },
  ])('answers "$args" with an error Message and the usage line, never a throw', ({ args, problem }) => {
    const message = answerArticle(db, KNOWLEDGE.articles, args);
    expect(message.kind).toBe('error');
    const text = renderPlainText(message);
    expect(text).toMatch(problem);
    expect(text).toContain('Usage: article <ref> [zero|final]');
  });

  it('says when the imported text has no such paragraph', () => {
    expect(renderPlainText(answerArticle(db, KNOWLEDGE.articles, '28.9'))).toContain('The imported official text has no Article 28(9).');
  });

  it('tells how to import the official text when none is stored, and that no items cite the article', () => {
    const empty = makeDb();
    const text = renderPlainText(answerArticle(empty, KNOWLEDGE.articles, '28.4'));
    expect(text).toContain('treatywatch treaty import');
    expect(text).toContain('No tagged items cite Article 28 yet.');
    expect(text).toContain('https://docs.un.org/en/A/RES/79/243');
  });
});
