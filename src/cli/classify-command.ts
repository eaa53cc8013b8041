import { createInterface } from 'node:readline';
import { classifyItem } from '../classify/classify-item.js';
import { loadKnowledge } from '../knowledge/load-knowledge.js';
import type { ClassifyResult } from '../domain.js';
import { parseItemLine } from '../classify/parse-item-line.js';
import { describeError } from '../log.js';
import { parseFlags, type CliIo } from './cli-io.js';

const USAGE = 'usage: treatywatch classify --jsonl < items.jsonl\n';

/** `treatywatch classify --jsonl`: one JSON result line per input line; a bad line is reported on stderr and skipped. */
export async function runClassify(args: string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(args);
  if (!flags.has('jsonl') || positional.length > 0) {
    io.stderr(USAGE);
    return 2;
  }
  const knowledge = loadKnowledge();
  let bad = 0;
  let lineNumber = 0;
  for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
    lineNumber++;
    if (line.trim() === '') continue;
    try {
      const input = parseItemLine(line);
      io.stdout(JSON.stringify(formatResult(input.id ?? null, classifyItem(input, knowledge))) + '\n');
    } catch (err) {
      bad++;
      io.stderr(`treatywatch classify: line ${lineNumber}: ${describeError(err)}\n`);
    }
  }
  return bad > 0 ? 1 : 0;
}

/** Returns the JSON object printed on one line for one result: id, relevance, score, articles, concerns, mentions. */
export function formatResult(id: string | null, result: ClassifyResult): Record<string, unknown> {
  return {
    id,
    relevant: result.relevant,
    score: result.score,
    articles: result.articles,
    concerns: result.concerns,
    mentions: result.mentions.map((m) => ({ raw: m.raw, ref: m.ref, cited_as: m.cited_as, version: m.version })),
  };
}
