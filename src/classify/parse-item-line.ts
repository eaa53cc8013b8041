import type { ClassifyInput } from './classify-types.js';
import type { GoldLabels } from './evaluate-classifier.js';

/** One line of a labelled file: the classifier input, its gold labels and how its text was obtained. */
export interface GoldItem {
  input: ClassifyInput;
  gold: GoldLabels;
  textOrigin?: string;
}

/** Returns the ClassifyInput of one `classify --jsonl` line; throws a `classify:` error saying what is wrong. */
export function parseItemLine(line: string): ClassifyInput {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (cause) {
    throw new Error('classify: not valid JSON', { cause });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('classify: expected a JSON object');
  const o = value as Record<string, unknown>;
  const title = optionalString(o, 'title') ?? '';
  const text = optionalString(o, 'text') ?? '';
  if (title.trim() === '' && text.trim() === '') throw new Error('classify: "title" and "text" are both empty');
  const published = optionalString(o, 'published');
  if (published && !/^\d{4}-\d{2}-\d{2}/.test(published)) throw new Error(`classify: "published" must be YYYY-MM-DD (got "${published}")`);
  const id = o['id'];
  if (id !== undefined && id !== null && typeof id !== 'string' && typeof id !== 'number') throw new Error('classify: "id" must be a string or number');
  return {
    id: id === undefined || id === null ? undefined : String(id),
    title,
    text,
    url: optionalString(o, 'url'),
    publisher: optionalString(o, 'publisher'),
    published: published ? published.slice(0, 10) : null,
  };
}

/** Returns the input and gold labels of one line of a gold file (`gold` holds relevant/articles/concerns). */
export function parseGoldLine(line: string): GoldItem {
  const input = parseItemLine(line);
  const o = JSON.parse(line) as Record<string, unknown>;
  const gold = o['gold'];
  if (typeof gold !== 'object' || gold === null || Array.isArray(gold)) throw new Error('eval: the line has no "gold" object');
  const origin = o['text_origin'];
  return { input, gold: gold as GoldLabels, textOrigin: typeof origin === 'string' ? origin : undefined };
}

function optionalString(o: Record<string, unknown>, key: string): string | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new Error(`classify: "${key}" must be a string`);
  return v;
}
