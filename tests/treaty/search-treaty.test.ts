import { beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/chat/render-text.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { answerSearch } from '../../src/commands/answer-search.js';
import { importOfficialText } from '../../src/treaty/import-official-text.js';
import { buildFtsQuery, extractSearchTerms, searchTreaty } from '../../src/treaty/search-treaty.js';
import { TEXT_PATH } from './treaty-fixtures.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

let db: Db;

beforeAll(async () => {
  db = openDatabase(':memory:');
  await importOfficialText(db, TEXT_PATH, { articles: KNOWLEDGE.articles, nowMs: 1 });
  db.prepare(`INSERT INTO sources (id, name, publisher, kind, url, interval_ms, created_at_ms) VALUES ('ngo', 'NGO', 'NGO', 'feed', 'https://ngo.example.org/feed', 3600000, 0)`).run();
  const insert = db.prepare(`INSERT INTO items (source_id, dedupe_key, title, summary, text, url, published_at_ms, fetched_at_ms, content_hash, relevant)
    VALUES ('ngo', @key, @title, @summary, '', @url, @at, @at, @key, @relevant)`);
  insert.run({ key: 'a', title: 'Encryption keys and the convention', summary: 'Compelled assistance to hand over encryption keys.', url: 'https://ngo.example.org/a', at: 3, relevant: 1 });
  insert.run({ key: 'b', title: 'Session wrap-up', summary: 'Delegates also mentioned encryption once.', url: 'https://ngo.example.org/b', at: 2, relevant: 1 });
  insert.run({ key: 'c', title: 'Encryption keys recipe blog', summary: 'Encryption keys encryption keys.', url: 'https://ngo.example.org/c', at: 1, relevant: 0 });
  insert.run({ key: 'd', title: 'Near and far: NEAR operators', summary: 'Talk about * and "quotes".', url: 'https://ngo.example.org/d', at: 4, relevant: 1 });
});

describe('searchTreaty', () => {
  it('ranks provisions and items with bm25 and leaves irrelevant items out', () => {
    const result = searchTreaty(db, KNOWLEDGE.articles, 'encryption keys');
    expect(result.items.map((i) => i.title)).toEqual(['Encryption keys and the convention']);
    const broader = searchTreaty(db, KNOWLEDGE.articles, 'encryption');
    expect(broader.items.map((i) => i.title)).toEqual(['Encryption keys and the convention', 'Session wrap-up']);
    const text = searchTreaty(db, KNOWLEDGE.articles, 'knowledge functioning system');
    expect(text.provisions[0]).toMatchObject({ ref: '28.4', title: 'Search and seizure of stored electronic data' });
  });

  it('falls back to any word when no match has them all', () => {
    const result = searchTreaty(db, KNOWLEDGE.articles, 'expeditiously zzzunknown');
    expect(result.broadened).toBe(true);
    expect(result.provisions.map((p) => p.ref)).toEqual(['28.2']);
  });

  it('searches a balanced quoted phrase as a phrase', () => {
    expect(extractSearchTerms('"search or similarly" access')).toEqual(['search or similarly', 'access']);
    expect(searchTreaty(db, KNOWLEDGE.articles, '"similarly search"').provisions).toEqual([]);
    expect(searchTreaty(db, KNOWLEDGE.articles, '"search or similarly"').provisions.map((p) => p.ref).sort()).toEqual(['28.1', '28.2']);
  });

  it.each([
    '"', '"unbalanced quote', 'NEAR(', 'near/3', '*', 'a OR', 'AND NOT', "'; DROP TABLE items; --", ')(', 'title:x', '^start', '-', 'NEAR(encryption keys, 2)', '🙂', '{col1 col2}: x',
  ])('treats the hostile query %j as plain words', (words) => {
    expect(() => searchTreaty(db, KNOWLEDGE.articles, words)).not.toThrow();
    const message = answerSearch(db, KNOWLEDGE.articles, words);
    expect(['reply', 'error']).toContain(message.kind);
    const query = buildFtsQuery(extractSearchTerms(words), 'and');
    if (query !== null) expect(query).toMatch(/^"[\p{L}\p{N} ]+"(?: "[\p{L}\p{N} ]+")*$/u);
  });

  it('finds operator words as ordinary words', () => {
    expect(searchTreaty(db, KNOWLEDGE.articles, 'NEAR').items.map((i) => i.title)).toEqual(['Near and far: NEAR operators']);
  });

  it('answers empty words with the usage line', () => {
    const message = answerSearch(db, KNOWLEDGE.articles, '  "" ');
    expect(message.kind).toBe('error');
    expect(renderPlainText(message)).toContain('Usage: search <words>');
  });

  it('says when nothing is found', () => {
    expect(renderPlainText(answerSearch(db, KNOWLEDGE.articles, 'zzzunknown'))).toContain('Nothing found.');
  });
});
