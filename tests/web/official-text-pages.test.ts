import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/store/db.js';
import { importOfficialText } from '../../src/treaty/import-official-text.js';
import { renderArticlePage } from '../../src/web/article-page.js';
import { renderSearchPage } from '../../src/web/search-page.js';
import { TEXT_PATH } from '../treaty/treaty-fixtures.js';
import { seedTracker } from './seed-tracker.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

let db: Db;
beforeAll(async () => {
  db = openDatabase(':memory:');
  seedTracker(db);
  await importOfficialText(db, TEXT_PATH, { articles: KNOWLEDGE.articles, nowMs: 1 });
});

describe('tracker pages with the official text imported', () => {
  it('shows the paragraph of a provision page, and every paragraph on the article page', () => {
    const provision = renderArticlePage(db, KNOWLEDGE, '28.4', null);
    expect(provision).toMatch(/<div class="official"><p>4\. Each State Party shall adopt such legislative and other measures[^<]*order any person who has knowledge/);
    expect(provision).not.toContain('1. Each State Party shall adopt such legislative and other measures as may be necessary to empower its competent authorities to search');
    const article = renderArticlePage(db, KNOWLEDGE, '28', null);
    expect(article).toContain('to empower its competent authorities to search or similarly access');
    expect(article).toContain('<p>(a) An information and communications technology system');
  });

  it('finds treaty text and items from the search box, linking provisions to their pages', () => {
    const page = renderSearchPage(db, KNOWLEDGE.articles, 'knowledge about the functioning');
    expect(page).toMatch(/<li><a href="\/article\/28\.4">Article 28\(4\)<\/a> \(Search and seizure of stored electronic data\)/);
  });
});
