import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { HOME_WEEK_ITEMS, renderHomePage } from '../../src/web/home-page.js';
import { HOSTILE_TITLE, SEED_NOW_MS, seedTracker } from './seed-tracker.js';
import { useTrackerServer } from './tracker-server.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const baseUrl = useTrackerServer();

const get = (path: string, init?: RequestInit) => fetch(`${baseUrl()}${path}`, init);

describe('tracker pages', () => {
  it('shows the treaty status with the counts, the states and the record date on the home page', async () => {
    const res = await get('/');
    const page = await res.text();
    expect(res.status).toBe(200);
    expect(page).toMatch(/<b>3<\/b> signatures/);
    expect(page).toMatch(/<b>2<\/b> of 40 ratifications/);
    expect(page).toContain('<b>38</b> more ratifications needed');
    expect(page).toMatch(/<td>China<\/td><td>2025-10-25<\/td><td>2026-03-12 \(approval\)<\/td>/);
    expect(page).toContain('as of <time datetime="2026-11-24T12:00:00.000Z">2026-11-24</time>');
  });

  it('escapes hostile titles everywhere and sends the security headers', async () => {
    const res = await get('/');
    const page = await res.text();
    expect(page).not.toContain('<script>');
    expect(page).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('content-security-policy')).not.toContain('script-src');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('links each heat-map cell to the week of that article, which lists the quotes', async () => {
    const map = await (await get('/articles')).text();
    const cells = [...map.matchAll(/href="(\/article\/28\?week=([\d-]+))"[^>]*>(\d+)</g)].map((m) => ({ href: m[1]!, week: m[2], count: m[3] }));
    expect(cells).toEqual([
      { href: '/article/28?week=2026-11-16', week: '2026-11-16', count: '1' },
      { href: '/article/28?week=2026-11-23', week: '2026-11-23', count: '1' },
    ]);
    const page = await (await get(cells[1]!.href)).text();
    expect(page).toContain('Article 28(4) lets authorities compel anyone');
    expect(page).not.toContain('needs judicial authorisation');
    const all = await (await get('/article/28')).text();
    expect(all).toContain('needs judicial authorisation');
    expect(all).toContain('Article 28: ');
  });

  it('finds a seeded item by its words', async () => {
    const page = await (await get('/search?q=safeguards%20domestic')).text();
    expect(page).toContain('Safeguards under Article 24 remain weak');
  });

  it('never shows a source URL query string', async () => {
    const page = await (await get('/sources')).text();
    expect(page).toContain('https://ngo.example/feed.xml');
    expect(page).not.toContain('s3cret');
  });

  it('answers 404 for unknown articles and concerns, 405 for POST, 414 for long URLs', async () => {
    expect((await get('/article/99')).status).toBe(404);
    expect((await get('/concern/nope')).status).toBe(404);
    expect((await get('/nothing')).status).toBe(404);
    expect((await get('/', { method: 'POST' })).status).toBe(405);
    expect((await get(`/search?q=${'a'.repeat(3000)}`)).status).toBe(414);
    expect((await get('/article/%E0')).status).toBe(400);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await get('/articles', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await res.text()).toBe('');
  });

  it('groups a flood week on the home page from its newest items and says so', () => {
    const db = openDatabase(':memory:');
    const flood = Array.from({ length: HOME_WEEK_ITEMS + 20 }, (_, n) => ({ title: `Flood item ${n}`, daysAgo: 1 + (n % 5), cites: [], concerns: ['process'] }));
    seedTracker(db, flood);
    const page = renderHomePage(db, KNOWLEDGE, SEED_NOW_MS);
    expect(page).toContain(`${HOME_WEEK_ITEMS + 20} relevant items this week; the newest ${HOME_WEEK_ITEMS} are grouped here.`);
    expect(page).toContain('<h3>Negotiation process</h3>');
    db.close();
  });

  it('announces the feeds of the page with rel=alternate', async () => {
    const page = await (await get('/article/28.4')).text();
    expect(page).toContain('<link rel="alternate" type="application/atom+xml" title="treatywatch: Article 28(4) (Atom)" href="/feeds/article/28.4.atom">');
    expect(page).toContain('href="/feeds/all.json"');
    const concern = await (await get('/concern/safeguards')).text();
    expect(concern).toContain('href="/feeds/concern/safeguards.atom"');
    expect(concern).toContain('Encryption keys and Article 28(4)');
  });
});
