/**
 * The one-table view of `treatywatch eval`: one row per labelled set and half, one column per
 * measure, so a change to the rules can be read across every set at once.
 */
import type { DevHalf } from '../classify/dev-split.js';
import type { EvalReport, PrfScore } from '../classify/evaluate-classifier.js';

/** One row of the table: a labelled set (or one half of it) and its report. */
export interface EvalRow {
  set: string;
  half: DevHalf | 'all';
  report: EvalReport;
}

const COLUMNS: { head: string; width: number; cell: (r: EvalReport) => string }[] = [
  { head: 'items', width: 5, cell: (r) => String(r.items) },
  { head: 'rel P', width: 6, cell: (r) => num(r.relevance.precision, r.relevance.items) },
  { head: 'rel R', width: 6, cell: (r) => num(r.relevance.recall, r.relevance.items) },
  { head: 'rel F1', width: 6, cell: (r) => num(r.relevance.f1, r.relevance.items) },
  { head: 'rel fp', width: 6, cell: (r) => (r.relevance.items ? String(r.relevance.fp) : '-') },
  { head: 'art P', width: 6, cell: (r) => num(r.articles.article.precision, r.articles.items) },
  { head: 'art R', width: 6, cell: (r) => num(r.articles.article.recall, r.articles.items) },
  { head: 'art F1', width: 6, cell: (r) => num(r.articles.article.f1, r.articles.items) },
  { head: 'ref P', width: 6, cell: (r) => num(r.articles.ref.precision, r.articles.items) },
  { head: 'ref R', width: 6, cell: (r) => num(r.articles.ref.recall, r.articles.items) },
  { head: 'ref F1', width: 6, cell: (r) => num(r.articles.ref.f1, r.articles.items) },
  { head: 'con mi', width: 6, cell: (r) => num(r.concerns.micro.f1, r.concerns.items) },
  { head: 'con ma', width: 6, cell: (r) => num(r.concerns.macroF1, r.concerns.items) },
  { head: 'wrong', width: 5, cell: (r) => String(r.wronglyBound) },
];

/**
 * Returns the rows as an aligned text table. A measure the set does not label prints "-"
 * (dev-relevance has no article labels, concerns-dev none either). "rel fp" counts items labelled
 * not relevant that were found relevant; "wrong" counts references bound to this convention that
 * belong to another instrument.
 */
export function formatEvalTable(rows: readonly EvalRow[]): string {
  const setWidth = Math.max(12, ...rows.map((r) => r.set.length));
  const head = ['set'.padEnd(setWidth), 'half', ...COLUMNS.map((c) => c.head.padStart(c.width))].join('  ');
  const lines = rows.map((row) =>
    [row.set.padEnd(setWidth), row.half.padEnd(4), ...COLUMNS.map((c) => c.cell(row.report).padStart(c.width))].join('  '),
  );
  return [head, '-'.repeat(head.length), ...lines].join('\n') + '\n';
}

/** Returns the per-concern F1 of the rows that label concerns, as an aligned table (for `--concerns`). */
export function formatConcernTable(rows: readonly EvalRow[]): string {
  const labelled = rows.filter((r) => r.report.concerns.items > 0 && Object.keys(r.report.concerns.perConcern).length > 0);
  if (labelled.length === 0) return '';
  const ids = [...new Set(labelled.flatMap((r) => Object.keys(r.report.concerns.perConcern)))].sort();
  const names = labelled.map((r) => `${r.set} ${r.half}`);
  const width = Math.max(...names.map((n) => n.length), 8);
  const head = ['concern'.padEnd(26), ...names.map((n) => n.padStart(width))].join('  ');
  const lines = ids.map((id) =>
    [id.padEnd(26), ...labelled.map((r) => cellOf(r.report.concerns.perConcern[id]).padStart(width))].join('  '),
  );
  return [head, ...lines].join('\n') + '\n';
}

function cellOf(s: PrfScore | undefined): string {
  return s ? `${s.f1.toFixed(2)} ${s.tp}/${s.fp}/${s.fn}` : '-';
}

function num(value: number, items: number): string {
  return items > 0 ? value.toFixed(3) : '-';
}
