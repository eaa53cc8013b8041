/**
 * Reading the files of `knowledge/`: JSON and tab-separated tables, with errors that name the file
 * and, where there is one, the line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A knowledge file that is missing or malformed; the message names the file (and line) and what is wrong. */
export class KnowledgeError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`knowledge: ${file}${line === null ? '' : ` line ${line}`}: ${problem}`, options);
    this.name = 'KnowledgeError';
  }
}

/** One row of a table, its cells keyed by the header, with its line number in the file. */
export interface TsvRow {
  line: number;
  cells: Readonly<Record<string, string>>;
}

/** Returns the text of a file, throwing a KnowledgeError when it cannot be read. */
export function readKnowledgeText(dir: string, file: string, label = `knowledge/${file}`): string {
  const path = join(dir, file);
  if (!existsSync(path)) throw new KnowledgeError(label, null, 'file not found; restore it or reinstall treatywatch');
  return readFileSync(path, 'utf8');
}

/** Returns the parsed JSON of a knowledge file; bad JSON is an error naming the file. */
export function readKnowledgeJson(dir: string, file: string): Record<string, unknown> {
  const text = readKnowledgeText(dir, file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new KnowledgeError(`knowledge/${file}`, null, `not valid JSON (${(cause as Error).message})`, { cause });
  }
  if (!isRecord(parsed)) throw new KnowledgeError(`knowledge/${file}`, null, 'must hold a JSON object');
  return parsed;
}

/**
 * Returns the rows of a tab-separated text (first line the header; blank lines and lines starting
 * with `#` skipped); throws naming the file when a required column is missing.
 */
export function parseTsv(text: string, file: string, required: readonly string[]): TsvRow[] {
  const rows: TsvRow[] = [];
  let header: string[] | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '' || raw.startsWith('#')) return;
    const cells = raw.split('\t').map((c) => c.trim());
    if (header === null) {
      header = cells;
      const missing = required.filter((name) => !cells.includes(name));
      if (missing.length > 0) throw new KnowledgeError(file, i + 1, `header lacks column ${missing.map((m) => `"${m}"`).join(', ')}`);
      return;
    }
    const h = header;
    rows.push({ line: i + 1, cells: Object.fromEntries(h.map((name, j) => [name, cells[j] ?? ''])) });
  });
  if (header === null) throw new KnowledgeError(file, null, 'empty table (no header line)');
  return rows;
}

/** Returns whether a value is a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns a field that must be a finite number, else throws naming the file and the field. */
export function requireNumber(value: unknown, file: string, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new KnowledgeError(file, null, `${field} must be a number`);
  return value;
}

/** Returns a field that must be a string, else throws naming the file and the field. */
export function requireString(value: unknown, file: string, field: string): string {
  if (typeof value !== 'string') throw new KnowledgeError(file, null, `${field} must be a string`);
  return value;
}

/** Returns a field that must be an array of strings, else throws naming the file and the field. */
export function requireStrings(value: unknown, file: string, field: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new KnowledgeError(file, null, `${field} must be a list of strings`);
  return value as string[];
}

/** Returns a field that must be an array of objects, else throws naming the file and the field. */
export function requireRecords(value: unknown, file: string, field: string): Record<string, unknown>[] {
  if (!Array.isArray(value) || !value.every(isRecord)) throw new KnowledgeError(file, null, `${field} must be a list of objects`);
  return value;
}
