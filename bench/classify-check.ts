/**
 * Classifier equivalence check: classifies every item of the labelled sets, the real-world fixture
 * feeds and the bench's generated feeds (each as given, upper-cased, and without publisher or date)
 * and writes one JSON line per result. Run it on two builds and compare, to show that a change made
 * the classifier faster without changing a single result:
 *
 *   node dist/bench/classify-check.js write before.jsonl
 *   node dist/bench/classify-check.js compare before.jsonl
 *
 * It also prints the time to classify one item (median, p90, max) over the labelled items.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { classifyItem } from '../src/classify/classify-item.js';
import type { ClassifyInput } from '../src/classify/classify-types.js';
import { parseItemLine } from '../src/classify/parse-item-line.js';
import { loadKnowledge } from '../src/knowledge/load-knowledge.js';
import { parseFeed } from '../src/parse/parse-feed.js';
import { projectPath } from '../src/project-path.js';
import { generateFeed, seededRandom } from './generate.js';
import { percentile } from './samples.js';

const KNOWLEDGE = loadKnowledge();
// The labelled sets, where the eval command finds them (TREATYWATCH_EVAL_DIR, else beside the project).
const EVAL_DIR = process.env['TREATYWATCH_EVAL_DIR'] ?? projectPath('..', 'shared', 'data', 'eval');
const FEEDS_DIR = projectPath('tests', 'fixtures', 'feeds-realworld', 'rss-parser');
const LATIN1 = new Set(['encoding.rss', 'uolNoticias.rss']);
const NOT_FEEDS = new Set(['LICENSE', 'unrecognized.rss']);

interface Case { name: string; input: ClassifyInput }

async function collect(): Promise<{ cases: Case[]; labelled: ClassifyInput[] }> {
  const base: Case[] = [];
  const labelled: ClassifyInput[] = [];
  if (existsSync(EVAL_DIR)) {
    for (const file of readdirSync(EVAL_DIR).filter((n) => n.endsWith('.jsonl')).sort()) {
      readFileSync(`${EVAL_DIR}/${file}`, 'utf8').split('\n').filter((l) => l.trim() !== '').forEach((line, i) => {
        const input = parseItemLine(line);
        labelled.push(input);
        base.push({ name: `${file}:${i}`, input });
      });
    }
  } else {
    process.stderr.write(`classify-check: ${EVAL_DIR} not found; the labelled sets are left out\n`);
  }
  for (const name of readdirSync(FEEDS_DIR).filter((n) => !NOT_FEEDS.has(n)).sort()) {
    const body = new TextDecoder(LATIN1.has(name) ? 'latin1' : 'utf-8').decode(readFileSync(`${FEEDS_DIR}/${name}`));
    const parsed = await parseFeed(body, { url: 'https://feeds.example.org/' + name });
    parsed.items.forEach((entry, i) => {
      const published = entry.publishedAtMs === null ? null : new Date(entry.publishedAtMs).toISOString().slice(0, 10);
      base.push({ name: `${name}:${i}`, input: { title: entry.title ?? '', text: [entry.summary, entry.text].join('\n\n'), published, publisher: 'eff' } });
    });
  }
  const random = seededRandom(20241224);
  for (const [mix, share] of [['typical', 0.1], ['treaty', 1]] as const) {
    for (let f = 0; f < 3; f++) {
      const parsed = await parseFeed(generateFeed(random, f, 200, share), { url: 'http://127.0.0.1/' });
      parsed.items.forEach((entry, i) => base.push({ name: `bench-${mix}-${f}:${i}`, input: { title: entry.title, text: entry.text, published: '2025-10-01' } }));
    }
  }
  const cases: Case[] = [];
  for (const c of base) {
    cases.push(c);
    cases.push({ name: `${c.name}:upper`, input: { ...c.input, title: c.input.title.toUpperCase(), text: c.input.text.toUpperCase() } });
    cases.push({ name: `${c.name}:bare`, input: { title: c.input.title, text: c.input.text } });
  }
  return { cases, labelled };
}

async function main(): Promise<void> {
  const [mode, file] = process.argv.slice(2);
  if ((mode !== 'write' && mode !== 'compare') || !file) throw new Error('usage: classify-check write|compare <file.jsonl>');
  const { cases, labelled } = await collect();
  const lines = cases.map((c) => JSON.stringify({ name: c.name, result: classifyItem(c.input, KNOWLEDGE) }));
  const relevant = lines.filter((l) => l.includes('"relevant":true')).length;
  process.stdout.write(`classify-check: ${cases.length} cases, ${relevant} relevant\n`);
  if (mode === 'write') {
    writeFileSync(file, lines.join('\n') + '\n');
  } else {
    const before = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
    let differ = 0;
    if (before.length !== lines.length) process.stdout.write(`classify-check: ${before.length} cases before, ${lines.length} now\n`);
    for (let i = 0; i < Math.min(before.length, lines.length); i++) {
      if (before[i] === lines[i]) continue;
      if (differ++ < 5) process.stdout.write(`DIFFERS\n  before ${before[i]}\n  now    ${lines[i]}\n`);
    }
    process.stdout.write(differ === 0 && before.length === lines.length ? 'classify-check: identical\n' : `classify-check: ${differ} results differ\n`);
    if (differ > 0 || before.length !== lines.length) process.exitCode = 1;
  }
  timePerItem(labelled);
}

// Median, p90 and max of the time to classify one labelled item, after one warm-up pass.
function timePerItem(inputs: readonly ClassifyInput[]): void {
  if (inputs.length === 0) return;
  for (const input of inputs) classifyItem(input, KNOWLEDGE);
  const ms: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const input of inputs) {
      const t = performance.now();
      classifyItem(input, KNOWLEDGE);
      ms.push(performance.now() - t);
    }
  }
  const fmt = (x: number) => x.toFixed(3);
  process.stdout.write(`classify per labelled item (${inputs.length} items x 3): median ${fmt(percentile(ms, 50))} ms, p90 ${fmt(percentile(ms, 90))} ms, max ${fmt(Math.max(...ms))} ms\n`);
}

await main();
