import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/chat/render-text.js';
import { runCli } from '../../src/cli.js';
import { createCommandHandler } from '../../src/commands/create-command-handler.js';
import { silentLogger } from '../../src/log.js';
import { openDatabase } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { listStoredTreatyTexts, searchArticleTexts } from '../../src/store/treaty-store.js';
import { importOfficialText } from '../../src/treaty/import-official-text.js';
import { parseOfficialText } from '../../src/treaty/parse-official-text.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { generatedParagraph, generateHtml, generatePdf } from './generated-convention.js';
import { makeTempDir, readStoredRows, TEXT_PATH } from './treaty-fixtures.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

let server: FixtureServer;
let dir: string;
beforeAll(async () => {
  dir = makeTempDir();
  const [en, es] = await Promise.all([generatePdf('en'), generatePdf('es')]);
  server = await startFixtureServer({
    '/un/en.pdf': (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end(en),
    '/un/es.pdf': (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end(es),
    '/un/es.html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(generateHtml('es')),
    '/un/es-short.html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(generateHtml('es', { omit: [12] })),
  });
}, 60_000);
afterAll(() => server.close());

function cli(db: string, env: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), stdin: Readable.from([]),
    env: { TREATYWATCH_DB: join(dir, db), LOG_LEVEL: 'silent', TREATYWATCH_TREATY_TEXT: server.url('/un/{lang}.pdf'), ...env },
  };
  return { out, run: (args: string[]) => runCli(args, io) };
}

const ctx = { adapter: 'test', channel: 'C1', userId: 'U1', isAdmin: true };

describe('the official text in several languages', () => {
  it('imports English and Spanish side by side and answers in the language asked for, falling back to English', async () => {
    const en = cli('two.db');
    expect(await en.run(['treaty', 'import'])).toBe(0);
    expect(en.out.stdout).toMatch(/^Imported the English text: 68 articles/);
    const es = cli('two.db');
    expect(await es.run(['treaty', 'import', '--lang', 'es']), es.out.stderr.slice(-3000)).toBe(0);
    expect(es.out.stdout).toMatch(/^Imported the Spanish text: 68 articles/);
    expect(es.out.stderr).toContain(`reading ${server.url('/un/es.pdf')}`);

    const db = openDatabase(join(dir, 'two.db'));
    try {
      expect(listStoredTreatyTexts(db).map((t) => [t.language, t.source, t.articles])).toEqual([
        ['en', server.url('/un/en.pdf'), 68],
        ['es', server.url('/un/es.pdf'), 68],
      ]);
      const handle = createCommandHandler({ knowledge: KNOWLEDGE, db, log: silentLogger });
      const english = renderPlainText(await handle('article 28.4', ctx));
      expect(english).toContain(generatedParagraph('en', 28, 4));
      const spanish = renderPlainText(await handle('article 28.4 es', ctx));
      expect(spanish).toContain(generatedParagraph('es', 28, 4));
      expect(spanish).toContain('Official text in Spanish');
      const french = renderPlainText(await handle('article 28.4 fr', ctx));
      expect(french).toContain(generatedParagraph('en', 28, 4));
      expect(french).toContain('The French text is not imported; this is the English text.');
      expect(french).toContain('treatywatch treaty import --lang fr');
      // A channel's language applies to every lookup there; the ref's own language still wins.
      expect(renderPlainText(await handle('subscribe language es', ctx))).not.toMatch(/Say "language"/);
      expect(renderPlainText(await handle('article 28.2.b', ctx))).toContain('el segundo caso');
      expect(renderPlainText(await handle('article 28.4 en', ctx))).toContain(generatedParagraph('en', 28, 4));
      expect(renderPlainText(await handle('settings', ctx))).toContain('Official text in: es');
      expect(renderPlainText(await handle('subscribe language de', ctx))).toContain('one of ar, zh, en, fr, ru, es');
      // Search stays in English: one hit per provision, not one per language.
      expect(searchArticleTexts(db, '"provision 28.4"', 10).map((r) => r.ref)).toEqual(['28.4']);
    } finally {
      db.close();
    }
  }, 90_000);

  it('refuses a translation with a missing article and keeps both stored texts', async () => {
    const db = openDatabase(join(dir, 'refuse.db'));
    await importOfficialText(db, server.url('/un/en.pdf'), { articles: KNOWLEDGE.articles, nowMs: 1 });
    await importOfficialText(db, server.url('/un/es.html'), { articles: KNOWLEDGE.articles, language: 'es', nowMs: 2 });
    const before = readStoredRows(db);
    db.close();
    const run = cli('refuse.db');
    expect(await run.run(['treaty', 'import', server.url('/un/es-short.html'), '--lang', 'es'])).toBe(1);
    expect(run.out.stderr).toContain('missing 1 article: 12');
    const again = openDatabase(join(dir, 'refuse.db'));
    expect(readStoredRows(again)).toEqual(before);
    again.close();
  }, 90_000);

  it('refuses an unknown language and a single mirror asked for another language', async () => {
    const bad = cli('bad.db');
    expect(await bad.run(['treaty', 'import', '--lang', 'de'])).toBe(2);
    expect(bad.out.stderr).toContain('--lang takes one of ar, zh, en, fr, ru, es');
    const single = cli('bad.db', { TREATYWATCH_TREATY_TEXT: server.url('/un/en.pdf') });
    expect(await single.run(['treaty', 'import', '--lang', 'ru'])).toBe(2);
    expect(single.out.stderr).toContain('give the file or URL of the Russian text');
  });

  it('keeps a text stored before languages existed, as English, searchable', async () => {
    const path = join(dir, 'old.db');
    const old = openDatabase(path, MIGRATIONS.filter((m) => m.version < 180));
    // Written as the import wrote it before languages existed.
    const parsed = parseOfficialText(readFileSync(TEXT_PATH, 'utf8')).articles.flatMap((a) => a.provisions);
    const insert = old.prepare('INSERT INTO article_texts (ref, article, paragraph, letter, position, text) VALUES (@ref, @article, @paragraph, @letter, @position, @text)');
    parsed.forEach((p, position) => insert.run({ ...p, position }));
    old.prepare("INSERT INTO treaty_imports (source, sha256, format, imported_at_ms, articles, provisions) VALUES ('convention.txt', 'abc', 'text', 5, 68, ?)").run(parsed.length);
    const rows = old.prepare('SELECT id, ref, text FROM article_texts ORDER BY id').all();
    old.close();
    const db = openDatabase(path);
    try {
      expect(db.prepare('SELECT id, ref, text FROM article_texts ORDER BY id').all()).toEqual(rows);
      expect(db.prepare('SELECT DISTINCT language FROM article_texts').pluck().all()).toEqual(['en']);
      expect(listStoredTreatyTexts(db).map((t) => t.language)).toEqual(['en']);
      expect(searchArticleTexts(db, 'expeditiously', 5).length).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});
