/**
 * The tracker in a real browser: Debian's headless Chromium, driven by playwright-core, against the
 * running bot (startBot, the real ops server) on a seeded database. Skips, saying why, when
 * /usr/bin/chromium is missing (.ci/run installs it). With TREATYWATCH_SCREENSHOTS_DIR set, it also
 * saves the screenshots the README shows.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../../src/main.js';
import { openDatabase } from '../../src/store/db.js';
import { HOSTILE_TITLE, SEED_ITEMS, SEED_NOW_MS, SEED_SOURCES_JSON, demoHistory, seedTracker } from './seed-tracker.js';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const SKIP_REASON = HAS_CHROMIUM ? '' : ` [skipped: ${CHROMIUM} is not installed; .ci/run installs Debian's chromium package]`;
if (!HAS_CHROMIUM) process.stderr.write(`tests: ${CHROMIUM} not found; the browser tests are skipped\n`);
const SCREENSHOTS = process.env['TREATYWATCH_SCREENSHOTS_DIR'];

let dir: string;
let bot: Bot;
let context: BrowserContext;
let base: string;
const consoleErrors: string[] = [];
const dialogs: string[] = [];

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  dir = mkdtempSync(join(tmpdir(), 'tw-browser-'));
  const db = openDatabase(join(dir, 'tw.db'));
  seedTracker(db, [...SEED_ITEMS, ...demoHistory(120)]);
  db.close();
  writeFileSync(join(dir, 'sources.json'), SEED_SOURCES_JSON);
  bot = await startBot({
    env: { TREATYWATCH_DB: join(dir, 'tw.db'), TREATYWATCH_SOURCES: join(dir, 'sources.json'), TREATYWATCH_HTTP_PORT: '0', LOG_LEVEL: 'silent', TREATYWATCH_TREATY_TEXT: 'off' },
    input: new PassThrough(), write: () => {}, now: () => SEED_NOW_MS,
  });
  base = `http://127.0.0.1:${bot.opsPort}`;
  context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1200, height: 900 },
  });
  // CSP refusals reach the DevTools log, not the page console: report them as console errors too.
  // (Init scripts run through the debugger, so the page's own policy does not block this one.)
  await context.addInitScript({
    content: "document.addEventListener('securitypolicyviolation', (e) => console.error('csp: ' + e.violatedDirective + ' refused ' + e.blockedURI));",
  });
  context.on('page', watch);
  for (const page of context.pages()) watch(page);
}, 60_000);

afterAll(async () => {
  if (!HAS_CHROMIUM) return;
  await context?.close();
  await bot?.stop();
  rmSync(dir, { recursive: true, force: true });
});

// Every page reports console errors (CSP violations included) and dialogs (alert() running).
function watch(page: Page): void {
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(`${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`${page.url()}: ${err.message}`));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
}

async function open(path: string): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  const res = await page.goto(`${base}${path}`);
  expect(res?.status()).toBe(200);
  return page;
}

describe.skipIf(!HAS_CHROMIUM)(`tracker in headless Chromium${SKIP_REASON}`, () => {
  it('shows the status numbers and the list of states on the home page', async () => {
    const page = await open('/');
    expect(await page.locator('#signatures b').textContent()).toBe('3');
    expect(await page.locator('#ratifications').textContent()).toBe('2 of 40 ratifications');
    const states = await page.locator('#states tr td:first-child').allTextContents();
    expect(states).toEqual(['Brazil', 'China', 'Viet Nam']);
    expect(await page.locator('#states tr', { hasText: 'Viet Nam' }).textContent()).toContain('2026-03-02 (ratification)');
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'tracker-home.png'), fullPage: false });
  });

  it('goes from a heat-map cell to the article page listing the seeded quotes', async () => {
    const page = await open('/articles');
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'tracker-heatmap.png'), fullPage: false });
    await page.locator('#heatmap a[href="/article/28?week=2026-11-23"]').click();
    await page.waitForURL(/\/article\/28\?week=2026-11-23$/);
    expect(await page.locator('h1').textContent()).toBe('Article 28: Search and seizure of stored electronic data');
    const quotes = await page.locator('blockquote').allTextContents();
    expect(quotes).toContain('Article 28(4) lets authorities compel anyone with knowledge of a system to help them.');
    if (SCREENSHOTS) {
      const article = await open('/article/28.4');
      await article.screenshot({ path: join(SCREENSHOTS, 'tracker-article.png'), fullPage: false });
    }
  });

  it('finds a seeded item with the search box', async () => {
    const page = await open('/');
    await page.locator('input[name=q]').fill('judicial authorisation');
    await page.locator('form.search button').click();
    await page.waitForURL(/\/search\?q=judicial\+authorisation$/);
    expect(await page.locator('#results li a').allTextContents()).toContain('Safeguards under Article 24 remain weak');
  });

  it('renders a hostile title as text and runs nothing', async () => {
    for (const path of ['/', '/concern/surveillance', '/article/29', '/search?q=traffic']) {
      const page = await open(path);
      await expect(page.getByText(HOSTILE_TITLE, { exact: true }).count()).resolves.toBeGreaterThan(0);
      expect(await page.locator('img[src="x"], main script').count()).toBe(0);
    }
    expect(dialogs).toEqual([]);
  });

  it('logged no console errors on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
