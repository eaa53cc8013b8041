/**
 * The parse worker, compiled and run for real: large pages go to it, come back in batches in
 * document order, a broken body fails only its own source, and a worker that stops fails what it
 * held with a clear error while the next parse starts a new one. Enriched pages' article text is
 * read there too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArticle } from '../../src/parse/read-article.js';
import { compileProgram, type CompiledProgram } from '../helpers/build-bot.js';

type OffThread = typeof import('../../src/parse/parse-off-thread.js');

let program: CompiledProgram;
let offThread: OffThread;

beforeAll(async () => {
  // The worker is loaded by file name, so compiling it compiles the module that starts it too.
  program = compileProgram('src/parse/parse-worker.ts', 'tw-parse-worker-');
  offThread = (await import(program.entry.replace(/parse-worker\.js$/, 'parse-off-thread.js'))) as OffThread;
}, 120_000);

afterAll(async () => {
  await offThread?.stopParseWorker();
  program?.remove();
});

const PAGE = { kind: 'page' as const, selectors: { item: 'li', title: 'a', link: 'a' }, id: 'list' };
const TREATY = { kind: 'treaty-status' as const, selectors: null, id: 'treaty' };

function listPage(count: number): string {
  const rows = Array.from({ length: count }, (_, n) => `<li><a href="/doc/${n}">Statement number ${n} on the convention</a> <span>${'padding '.repeat(8)}</span></li>`);
  return `<!doctype html><html><body><main><ul>${rows.join('')}</ul></main></body></html>`;
}

describe('parseAndKey on the worker thread', () => {
  it('sends large bodies to the worker and returns every item in order, as parsing in place does', async () => {
    const body = listPage(1_000);
    expect(body.length).toBeGreaterThan(offThread.OFF_THREAD_MIN_CHARS);
    const ctx = { url: 'https://example.org/list' };
    const [onWorker, inPlace] = await Promise.all([offThread.parseAndKey(PAGE, body, ctx), offThread.parseAndKeyHere(PAGE, body, ctx)]);
    expect(onWorker.keyed.length).toBe(1_000);
    expect(onWorker.keyed.length).toBeGreaterThan(3 * offThread.OFF_THREAD_BATCH);
    expect(onWorker.keyed.map((k) => k.key)).toEqual(inPlace.keyed.map((k) => k.key));
    expect(onWorker.keyed.map((k) => k.item.title)).toEqual(Array.from({ length: 1_000 }, (_, n) => `Statement number ${n} on the convention`));
  });

  it('fails a broken body alone while another parse on the same worker succeeds', async () => {
    const broken = `<?xml version="1.0"?><Treaty>${'<Participant><Name>x</Name>'.repeat(4_000)}`;
    expect(broken.length).toBeGreaterThan(offThread.OFF_THREAD_MIN_CHARS);
    const [bad, good] = await Promise.allSettled([
      offThread.parseAndKey(TREATY, broken, { url: 'https://example.org/treaty.xml' }),
      offThread.parseAndKey(PAGE, listPage(800), { url: 'https://example.org/list' }),
    ]);
    expect(bad.status).toBe('rejected');
    expect(String((bad as PromiseRejectedResult).reason)).toMatch(/^Error: parse: /);
    expect(good.status === 'fulfilled' && good.value.keyed.length).toBe(800);
  });

  it('fails the parses a stopped worker held with a clear error, and the next parse starts a new worker', async () => {
    const pending = offThread.parseAndKey(PAGE, listPage(3_000), { url: 'https://example.org/list' });
    const settled = pending.then(() => 'resolved', (err: Error) => err.message);
    // Stopped while the body is still being handed over: nothing can have finished.
    await offThread.stopParseWorker();
    expect(await settled).toMatch(/^parse: worker stopped/);
    const again = await offThread.parseAndKey(PAGE, listPage(700), { url: 'https://example.org/list' });
    expect(again.keyed.length).toBe(700);
  });
});

function reportPage(paragraphs: number): string {
  const body = Array.from({ length: paragraphs }, (_, n) => `<p>Paragraph ${n}: the delegations discussed Article ${1 + (n % 68)} of the convention and its safeguards for human rights.</p>`);
  return `<!doctype html><html><head><title>Report</title><script>var x = 1;</script></head><body><nav><a href="/">Home</a></nav><main><article><h1>Report</h1>${body.join('')}</article></main><footer>Footer</footer></body></html>`;
}

describe('readArticleOffThread', () => {
  it('reads a page\'s article on the worker, as reading it in place does', async () => {
    const page = reportPage(2_000);
    const [onWorker, inPlace] = await Promise.all([offThread.readArticleOffThread(page), readArticle(page)]);
    expect(onWorker.ok && onWorker.text).toContain('Paragraph 1999: the delegations discussed Article 28');
    expect(onWorker).toEqual(inPlace);
  });

  it('answers each of several pages read at once with its own text, and a page without text with the reason', async () => {
    const empty = '<!doctype html><html><body><script>render()</script><div id="app"></div></body></html>';
    const [a, none, b] = await Promise.all([reportPage(30), empty, reportPage(60)].map((p) => offThread.readArticleOffThread(p)));
    expect(a!.ok && a!.text).toContain('Paragraph 29:');
    expect(a!.ok && a!.text).not.toContain('Paragraph 30:');
    expect(b!.ok && b!.text).toContain('Paragraph 59:');
    expect(none).toEqual({ ok: false, reason: 'the page shows no text without JavaScript; the feed summary is kept', permanent: true });
  });

  it('fails a read that a stopped worker held with a clear error, and the next read starts a new worker', async () => {
    const settled = offThread.readArticleOffThread(reportPage(3_000)).then(() => 'resolved', (err: Error) => err.message);
    await offThread.stopParseWorker();
    expect(await settled).toMatch(/^parse: worker stopped/);
    const again = await offThread.readArticleOffThread(reportPage(40));
    expect(again.ok && again.text).toContain('Paragraph 39:');
  });
});
