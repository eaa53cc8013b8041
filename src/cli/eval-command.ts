import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { classifyItem } from '../classify/classify-item.js';
import { devHalfOf, parseDevHalf, type DevHalf } from '../classify/dev-split.js';
import { evaluateClassifier, type EvalCase, type EvalReport, type PrfScore } from '../classify/evaluate-classifier.js';
import { parseGoldLine } from '../classify/parse-item-line.js';
import { loadKnowledge, type Knowledge } from '../knowledge/load-knowledge.js';
import { describeError } from '../log.js';
import { projectPath } from '../project-path.js';
import { parseFlags, type CliIo } from './cli-io.js';
import { formatConcernTable, formatEvalTable, type EvalRow } from './eval-table.js';

const USAGE = 'usage: treatywatch eval [--gold <file.jsonl> | --dir <folder>] [--half A|B] [--concerns] [--json]\n';

/** The labelled sets `treatywatch eval` reads from its folder, in the order the table lists them. */
export const EVAL_SETS = ['refs-dev', 'concerns-dev', 'dev', 'dev-relevance'] as const;

/**
 * `treatywatch eval`: classifies every labelled line and prints relevance, article, concern and wrong-binding metrics.
 * With `--gold <file>`, one file in detail; otherwise every known set found in `--dir` (default:
 * TREATYWATCH_EVAL_DIR, else `../shared/data/eval` beside the project) in one table, with a row per
 * half (A, B: see dev-split.ts) and the whole set. `--half A|B` keeps one half.
 */
export async function runEval(args: string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(args, ['gold', 'dir', 'half']);
  const goldPath = flags.get('gold');
  const dirFlag = flags.get('dir');
  const halfFlag = flags.get('half');
  if (positional.length > 0 || goldPath === true || dirFlag === true || halfFlag === true || (goldPath && dirFlag)) {
    io.stderr(USAGE);
    return 2;
  }
  let half: DevHalf | null = null;
  try {
    half = typeof halfFlag === 'string' ? parseDevHalf(halfFlag) : null;
  } catch (err) {
    io.stderr(`treatywatch ${describeError(err)}\n${USAGE}`);
    return 2;
  }
  const json = flags.has('json');
  const knowledge = loadKnowledge();

  if (typeof goldPath === 'string') {
    const { cases, bad } = evaluateFile(goldPath, knowledge, io);
    const report = evaluateClassifier(half ? cases.filter((c) => devHalfOf(c.id) === half) : cases);
    io.stdout(json ? JSON.stringify(report, null, 2) + '\n' : formatEvalReport(report));
    return bad > 0 ? 1 : 0;
  }

  const dir = typeof dirFlag === 'string' ? dirFlag : (io.env['TREATYWATCH_EVAL_DIR'] ?? projectPath('..', 'shared', 'data', 'eval'));
  const files = EVAL_SETS.map((set) => ({ set, path: join(dir, `${set}.jsonl`) })).filter((f) => existsSync(f.path));
  if (files.length === 0) {
    io.stderr(`treatywatch eval: no labelled sets (${EVAL_SETS.map((s) => s + '.jsonl').join(', ')}) in ${dir}; pass --dir or --gold\n`);
    return 2;
  }
  let bad = 0;
  const rows: EvalRow[] = [];
  for (const { set, path } of files) {
    const evaluated = evaluateFile(path, knowledge, io);
    bad += evaluated.bad;
    rows.push(...splitRows(set, evaluated.cases, half));
  }
  if (json) io.stdout(JSON.stringify(rows, null, 2) + '\n');
  else io.stdout(formatEvalTable(rows) + (flags.has('concerns') ? '\n' + formatConcernTable(rows) : ''));
  return bad > 0 ? 1 : 0;
}

/** Returns the rows of one set: its halves A and B and the whole set, or only the half asked for. */
export function splitRows(set: string, cases: readonly EvalCase[], half: DevHalf | null): EvalRow[] {
  const halves: DevHalf[] = half ? [half] : ['A', 'B'];
  const rows: EvalRow[] = halves.map((h) => ({ set, half: h, report: evaluateClassifier(cases.filter((c) => devHalfOf(c.id) === h)) }));
  if (!half) rows.push({ set, half: 'all', report: evaluateClassifier(cases) });
  return rows;
}

function evaluateFile(path: string, knowledge: Knowledge, io: CliIo): { cases: EvalCase[]; bad: number } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new Error(`eval: cannot read ${path}`, { cause });
  }
  const cases: EvalCase[] = [];
  let bad = 0;
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      const { input, gold, textOrigin } = parseGoldLine(line);
      cases.push({ id: input.id ?? `line ${index + 1}`, gold, textOrigin, predicted: classifyItem(input, knowledge) });
    } catch (err) {
      bad++;
      io.stderr(`treatywatch eval: ${basename(path)} line ${index + 1}: ${describeError(err)}\n`);
    }
  });
  return { cases, bad };
}

/** Returns the report as aligned text lines. */
export function formatEvalReport(r: EvalReport): string {
  const lines = [
    `items                 ${r.items}`,
    `relevance             ${prf(r.relevance)}  (${r.relevance.items} items)`,
    ...Object.entries(r.relevanceByOrigin).map(([origin, s]) => `  ${origin.padEnd(20)}${prf(s)}  (${s.items} items)`),
    `articles (article)    ${prf(r.articles.article)}  (${r.articles.items} items)`,
    `articles (full ref)   ${prf(r.articles.ref)}`,
    `concerns (micro)      ${prf(r.concerns.micro)}  (${r.concerns.items} items)`,
    `concerns (macro F1)   ${r.concerns.macroF1.toFixed(3)}`,
    `wrongly bound refs    ${r.wronglyBound}`,
  ];
  return lines.join('\n') + '\n';
}

function prf(s: PrfScore): string {
  return `P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`;
}
