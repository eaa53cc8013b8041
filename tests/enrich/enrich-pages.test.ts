import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/chat/render-text.js';
import { createEnrichWorker } from '../../src/enrich/enrich-worker.js';
import { silentLogger } from '../../src/log.js';
import { pollSources } from '../../src/poll/poll-sources.js';
import { parseSourceConfigs } from '../../src/poll/source-list.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { listPosts } from '../../src/store/deliveries-store.js';
import { getFullText } from '../../src/store/fulltext-store.js';
import { syncConfiguredSources } from '../../src/store/sources-store.js';
import { upsertSubscription } from '../../src/store/subscriptions-store.js';
import { answerArticle } from '../../src/commands/answer-article.js';
import { answerConcern } from '../../src/commands/answer-concern.js';
import { answerSearch } from '../../src/commands/answer-search.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { ANALYSIS_PARAGRAPHS, buildReportPdf, ENTRIES, NEWS_PARAGRAPHS, renderArticlePage, renderJsOnlyPage, renderRss, type Entry } from './article-pages.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const html = (body: string) => (_req: unknown, res: ServerResponse) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);

let server: FixtureServer;
let pdf: Uint8Array;
let entries: Entry[] = [];

beforeAll(async () => {
  pdf = await buildReportPdf();
  server = await startFixtureServer({
    '/feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(renderRss(server, entries)),
    '/analysis/compelled-assistance': html(renderArticlePage({ site: 'Rights Watchers', title: ENTRIES[0]!.title, paragraphs: ANALYSIS_PARAGRAPHS })),
    '/old/surveillance-talks': (_req, res) => res.writeHead(301, { location: '/news/2026/05/surveillance-talks' }).end(),
    '/news/2026/05/surveillance-talks': html(renderArticlePage({ site: 'Policy Wire', title: ENTRIES[1]!.title, paragraphs: NEWS_PARAGRAPHS })),
    '/docs/implementation-report.pdf': (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.from(pdf)),
    '/app/briefing': html(renderJsOnlyPage(ENTRIES[3]!.title)),
  });
});
afterAll(() => server.close());

function setUp(): { db: Db; poll: () => Promise<unknown>; nowMs: () => number } {
  const db = openDatabase(':memory:');
  const configs = parseSourceConfigs([{ id: 'ngo-fixture', name: 'Rights Watchers', publisher: 'Rights Watchers', kind: 'feed', url: server.url('/feed.xml'), priority: 'high' }]);
  syncConfiguredSources(db, configs, 'operator', 0);
  upsertSubscription(db, 'test', 'C1', { digestCron: '0 8 * * *', digestTimeZone: 'UTC' }, 0);
  const now = Date.UTC(2026, 4, 5, 10);
  const poll = () => pollSources({ knowledge: KNOWLEDGE, db, log: silentLogger, now: () => now }, { force: true });
  return { db, poll, nowMs: () => now };
}

function itemId(db: Db, path: string): number {
  return (db.prepare('SELECT id FROM items WHERE guid = ?').get(path) as { id: number }).id;
}

function refsOf(db: Db, id: number): string[] {
  return (db.prepare('SELECT ref FROM item_articles WHERE item_id = ? ORDER BY ref').all(id) as { ref: string }[]).map((r) => r.ref);
}

describe('enrichment of realistic article pages', () => {
  it('tags only body citations, quotes Article 28(4), reads the PDF and the redirect, and keeps the JS-only summary', async () => {
    const { db, poll, nowMs } = setUp();
    entries = [];
    await poll(); // the first poll of a source alerts nobody
    entries = [...ENTRIES];
    await poll();
    const alertsBefore = listPosts(db, 1).filter((p) => p.kind === 'alert');
    expect(alertsBefore).toHaveLength(ENTRIES.length);
    const analysis = itemId(db, ENTRIES[0]!.path);
    expect(refsOf(db, analysis)).toEqual([]); // the teaser cites nothing

    const worker = createEnrichWorker({ knowledge: KNOWLEDGE, db, log: silentLogger, now: nowMs, hostIntervalMs: 10 });
    expect(await worker.drain()).toBe(ENTRIES.length);

    expect(getFullText(db, analysis)).toMatchObject({ status: 'done', attempts: 1, error: null });
    expect(refsOf(db, analysis)).toEqual(['28.4']); // not 24 or 45 (sidebar), 47 or 4 (comments)
    const text = getFullText(db, analysis)!.text;
    expect(text).toContain(ANALYSIS_PARAGRAPHS[11]!.slice(0, 60));
    expect(text).not.toMatch(/cookies|Newsletter|reader42|Registered charity/);

    const news = itemId(db, ENTRIES[1]!.path);
    expect(getFullText(db, news)).toMatchObject({ status: 'done', finalUrl: server.url('/news/2026/05/surveillance-talks') });
    expect(refsOf(db, news)).toEqual(['29', '30']);

    const report = itemId(db, ENTRIES[2]!.path);
    expect(getFullText(db, report)).toMatchObject({ status: 'done', contentType: 'application/pdf' });
    expect(refsOf(db, report)).toEqual(['36', '40.22']);

    const briefing = itemId(db, ENTRIES[3]!.path);
    const failed = getFullText(db, briefing)!;
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, text: '' });
    expect(failed.error).toMatch(/JavaScript/);
    const summary = db.prepare('SELECT summary, relevant FROM items WHERE id = ?').get(briefing) as { summary: string; relevant: number };
    expect(summary).toEqual({ summary: ENTRIES[3]!.teaser, relevant: 1 });

    const reply = renderPlainText(answerArticle(db, KNOWLEDGE.articles, '28.4'));
    expect(reply).toContain(ENTRIES[0]!.title);
    expect(reply).toContain('Rights Watchers, 2026-05-05');
    expect(reply).toMatch(/“Article 28\(4\) of the Convention allows authorities to order any person/);
    expect(reply).toContain(server.url(ENTRIES[0]!.path));

    // Enrichment re-tags; it never alerts again.
    expect(listPosts(db, 1).filter((p) => p.kind === 'alert').map((p) => p.id)).toEqual(alertsBefore.map((p) => p.id));
    expect(await worker.drain()).toBe(0);

    const search = renderPlainText(answerSearch(db, KNOWLEDGE.articles, 'unpatched vulnerabilities'));
    expect(search).toContain(ENTRIES[0]!.title);

    // The concern's listing quotes the page's sentence, not the teaser.
    const concern = renderPlainText(answerConcern(KNOWLEDGE.concerns, 'compelled-assistance', db));
    expect(concern).toMatch(/\d+ tracked items? raises? this concern; the latest:/);
    expect(concern).toContain(`${ENTRIES[0]!.title} <${server.url(ENTRIES[0]!.path)}> (Rights Watchers, 2026-05-05): “`);
    expect(concern).toMatch(/encryption keys|knowledge about the functioning/);
    db.close();
  });
});
