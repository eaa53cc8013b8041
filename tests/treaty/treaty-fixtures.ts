/** Shared helpers for the treaty tests: the fixture documents and a database with imported text. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../src/store/db.js';
import { buildUnPdf, readFixtureBlocks } from './un-pdf-fixture.js';

export const FIXTURE_DIR = join(import.meta.dirname, '..', 'fixtures', 'treaty');
export const TEXT_PATH = join(FIXTURE_DIR, 'convention.txt');
export const HTML_PATH = join(FIXTURE_DIR, 'convention.html');

/** Returns the plain-text fixture. */
export function readConventionText(): string {
  return readFileSync(TEXT_PATH, 'utf8');
}

/** Returns a fresh temporary directory. */
export function makeTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'treatywatch-treaty-'));
}

/** Writes the UN-layout PDF of the HTML fixture into `dir` and returns its path. */
export async function writeConventionPdf(dir: string): Promise<string> {
  const path = join(dir, 'A_RES_79_243.pdf');
  writeFileSync(path, await buildUnPdf(readFixtureBlocks(readFileSync(HTML_PATH, 'utf8'))));
  return path;
}

/** Returns every stored provision row, in document order. */
export function readStoredRows(db: Db): { ref: string; article: number; paragraph: number | null; letter: string | null; position: number; text: string }[] {
  return db.prepare('SELECT ref, article, paragraph, letter, position, text FROM article_texts ORDER BY position').all() as ReturnType<typeof readStoredRows>;
}
