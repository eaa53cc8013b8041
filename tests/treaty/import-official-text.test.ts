import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { runCli } from '../../src/cli.js';
import { describeError } from '../../src/log.js';
import { openDatabase } from '../../src/store/db.js';
import { importOfficialText, TreatyImportError } from '../../src/treaty/import-official-text.js';
import { HTML_PATH, makeTempDir, readConventionText, readStoredRows, TEXT_PATH, writeConventionPdf } from './treaty-fixtures.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const TEXT_28_4 =
  'Each State Party shall adopt such legislative and other measures as may be necessary to empower its competent authorities ' +
  'to order any person who has knowledge about the functioning of the system in question to provide, as is reasonable, the ' +
  'necessary information, to enable the undertaking of the measures referred to in paragraphs 1 to 3 of this article.';

let dir: string;
let pdfPath: string;

beforeAll(async () => {
  dir = makeTempDir();
  pdfPath = await writeConventionPdf(dir);
}, 20_000);

function importInto(path: string, onProgress?: (line: string) => void) {
  const db = openDatabase(':memory:');
  return importOfficialText(db, path, { articles: KNOWLEDGE.articles, onProgress, nowMs: 1_000 }).then((report) => ({ db, report }));
}

// Reading the PDF takes about a second; tests that only read the result share one import per file.
const shared = new Map<string, ReturnType<typeof importWithProgress>>();
function importWithProgress(path: string) {
  const progress: string[] = [];
  return importInto(path, (line) => progress.push(line)).then((result) => ({ ...result, progress }));
}
function importShared(path: string) {
  if (!shared.has(path)) shared.set(path, importWithProgress(path));
  return shared.get(path)!;
}

describe('importOfficialText', () => {
  const formats = [
    { name: 'plain text', path: () => TEXT_PATH, format: 'text' },
    { name: 'an HTML page', path: () => HTML_PATH, format: 'html' },
    { name: 'a UN resolution PDF', path: () => pdfPath, format: 'pdf' },
  ];

  it.each(formats)('stores every article, paragraph and subparagraph of $name', async ({ path, format }) => {
    const { db, report } = await importShared(path());
    expect(report).toMatchObject({ format, articles: 68 });
    const rows = readStoredRows(db);
    const byRef = new Map(rows.map((r) => [r.ref, r]));
    expect(byRef.get('28.4')).toMatchObject({ article: 28, paragraph: 4, letter: null, text: TEXT_28_4 });
    expect(byRef.get('28.1.b')?.text).toBe('An electronic data storage medium in which the electronic data sought may be stored.');
    expect(byRef.get('2.b')).toMatchObject({ paragraph: null, letter: 'b' });
    expect(byRef.get('2.b')?.text).toMatch(/^"Electronic data" shall mean any representation of facts, information or concepts in a form suitable for processing/);
    expect(byRef.get('20')?.text).toMatch(/^Each State Party shall, where appropriate, establish under its domestic law a long statute of limitations period/);
    // A wrapped "paragraph 1\n(a) of this article" is a cross-reference, not a subparagraph.
    expect(byRef.has('28.2.a')).toBe(false);
    expect(byRef.get('28.2')?.text).toContain('pursuant to paragraph 1 (a) of this article, such authorities');
    expect(new Set(rows.map((r) => r.article)).size).toBe(68);
    expect(report.provisions).toBe(rows.length);
  });

  it('reads the same provisions from the PDF, the HTML page and the plain text', async () => {
    const [text, html, pdf] = await Promise.all(formats.map((f) => importShared(f.path())));
    expect(readStoredRows(html!.db)).toEqual(readStoredRows(text!.db));
    expect(readStoredRows(pdf!.db)).toEqual(readStoredRows(text!.db));
  });

  it('leaves running heads, page numbers, footnotes and line-end hyphens out of the PDF text', async () => {
    const { db, progress } = await importShared(pdfPath);
    const all = readStoredRows(db).map((r) => r.text).join('\n');
    const pages = progress.filter((l) => l.startsWith('read page')).length;
    expect(pages).toBeGreaterThan(5);
    expect(progress).toContain(`read page ${pages}/${pages}`);
    expect(all).not.toMatch(new RegExp(`A/RES/79/243|\\b\\d+/${pages}\\b|Official Records|24-24614|Convention,1`));
    expect(all).not.toMatch(/\p{L}- \p{L}|\p{L}-\n/u);
    expect(all).toContain('conditions and safeguards provided for in article 24');
    expect(progress.some((l) => l.startsWith('article 68 (68/68)'))).toBe(true);
  });

  it('re-imports idempotently: the same rows and a single import record', async () => {
    const { db } = await importInto(TEXT_PATH);
    const first = readStoredRows(db);
    await importOfficialText(db, TEXT_PATH, { articles: KNOWLEDGE.articles, nowMs: 2_000 });
    expect(readStoredRows(db)).toEqual(first);
    expect(db.prepare('SELECT COUNT(*) AS n, MAX(imported_at_ms) AS at FROM treaty_imports').get()).toEqual({ n: 1, at: 2_000 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM article_texts_fts WHERE article_texts_fts MATCH ?').get('expeditiously')).toEqual({ n: 1 });
  });

  const original = readConventionText();
  const corruptions = [
    {
      name: 'an article missing',
      text: original.replace(/Article 17\nLaundering of proceeds of crime\n[\s\S]*?(?=Article 18\n)/, ''),
      problems: ['missing 1 article: 17'],
    },
    {
      name: 'an extra article',
      text: original.replace('IN WITNESS WHEREOF', 'Article 69\nFinal clause\n\n1. This article does not exist.\n\nIN WITNESS WHEREOF'),
      problems: ['1 article not in the convention: 69'],
    },
    {
      name: 'a changed title',
      text: original.replace('Search and seizure of stored electronic data', 'Search and seizure of electronic data'),
      problems: ['Article 28: title is "Search and seizure of electronic data", expected "Search and seizure of stored electronic data"'],
    },
    {
      name: 'no convention at all',
      text: 'Minutes of a meeting.\n\n1. The meeting opened at 10 a.m.\n',
      problems: ['missing 68 articles: 1-68'],
    },
  ];

  it.each(corruptions)('refuses a document with $name, reports the difference and keeps the stored text', async ({ text, problems }) => {
    const { db } = await importInto(TEXT_PATH);
    const before = readStoredRows(db);
    const path = join(dir, 'corrupted.txt');
    writeFileSync(path, text);
    const error = await importOfficialText(db, path, { articles: KNOWLEDGE.articles }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(TreatyImportError);
    expect((error as TreatyImportError).problems).toEqual(problems);
    expect((error as TreatyImportError).message).toContain(problems[0]);
    expect(readStoredRows(db)).toEqual(before);
    expect(db.prepare('SELECT COUNT(*) AS n FROM treaty_imports').get()).toEqual({ n: 1 });
  });

  it('accepts a title that differs only in case, punctuation and spacing', async () => {
    const path = join(dir, 'recased.txt');
    writeFileSync(path, readConventionText().replace('Search and seizure of stored electronic data', 'SEARCH AND SEIZURE  OF STORED ELECTRONIC DATA.'));
    const { report } = await importInto(path);
    expect(report.articles).toBe(68);
  });
});

describe('importOfficialText from a URL', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/doc') {
        res.writeHead(302, { location: '/files/A_RES_79_243.pdf' }).end();
      } else if (req.url === '/files/A_RES_79_243.pdf') {
        res.writeHead(200, { 'content-type': 'application/pdf' }).end(readFileSync(pdfPath));
      } else if (req.url === '/convention') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(HTML_PATH));
      } else {
        res.writeHead(404).end();
      }
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  it.each([
    { path: '/doc', format: 'pdf', source: '/files/A_RES_79_243.pdf' },
    { path: '/convention', format: 'html', source: '/convention' },
  ])('downloads $path, following redirects, and imports it as $format', async ({ path, format, source }) => {
    const { report } = await importInto(base + path);
    expect(report).toMatchObject({ format, articles: 68, source: base + source });
  });

  it('reports an HTTP error with the URL, each part said once', async () => {
    const error = await importInto(`${base}/missing`).then(() => null, (err: unknown) => err);
    expect(describeError(error)).toBe(`treaty: download failed: fetch: GET ${base}/missing returned HTTP 404`);
  });

  it('prints a failed download on the command line without repeating the layer or the URL', async () => {
    const out = { stdout: '', stderr: '' };
    const code = await runCli(['treaty', 'import', `${base}/missing`], {
      stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t),
      stdin: Readable.from([]), env: { TREATYWATCH_DB: join(dir, 'cli-missing.db'), LOG_LEVEL: 'silent' },
    });
    expect(code).toBe(1);
    expect(out.stderr).toBe(`treatywatch treaty: download failed: fetch: GET ${base}/missing returned HTTP 404\n`);
  });
});
