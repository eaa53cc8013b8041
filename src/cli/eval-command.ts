import { readFileSync } from 'node:fs';
import { classifyItem } from '../classify/classify-item.js';
import { evaluateClassifier, type EvalCase, type EvalReport, type PrfScore } from '../classify/evaluate-classifier.js';
import { parseGoldLine } from '../classify/parse-item-line.js';
import { describeError } from '../log.js';
import { parseFlags, type CliIo } from './cli-io.js';

const USAGE = 'usage: treatywatch eval --gold <file.jsonl> [--json]\n';

/** `treatywatch eval --gold <file>`: classifies every labelled line and prints the metrics of DESIGN section 11. */
export async function runEval(args: string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(args, ['gold']);
  const goldPath = flags.get('gold');
  if (typeof goldPath !== 'string' || positional.length > 0) {
    io.stderr(USAGE);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(goldPath, 'utf8');
  } catch (cause) {
    throw new Error(`eval: cannot read ${goldPath}`, { cause });
  }
  const cases: EvalCase[] = [];
  let bad = 0;
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      const { input, gold, textOrigin } = parseGoldLine(line);
      cases.push({ id: input.id ?? `line ${index + 1}`, gold, textOrigin, predicted: classifyItem(input) });
    } catch (err) {
      bad++;
      io.stderr(`treatywatch eval: line ${index + 1}: ${describeError(err)}\n`);
    }
  });
  const report = evaluateClassifier(cases);
  io.stdout(flags.has('json') ? JSON.stringify(report, null, 2) + '\n' : formatEvalReport(report));
  return bad > 0 ? 1 : 0;
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
