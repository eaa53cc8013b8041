import { join } from 'node:path';
import { answerDigest } from '../src/commands/answer-digest.js';
import { openDatabase } from '../src/store/db.js';
import type { Sampled } from './samples.js';
import { fillSkewedStore } from './skewed-store.js';
import { loadKnowledge } from '../src/knowledge/load-knowledge.js';

const KNOWLEDGE = loadKnowledge();

const RUNS = 5;
const RELEVANT = 10_000;

/**
 * `digest week` over 10k relevant items of the week (generated, classified, stored; many share a
 * title, so collapsing has work to do): loading the items, collapsing stories and building the
 * message. Next to loading alone.
 */
export function measureDigest(dir: string, seed: number): Sampled[] {
  const db = openDatabase(join(dir, 'digest.db'));
  // 40% of generated items are relevant: 25k items spread over six days hold about 10k relevant ones.
  const count = Math.ceil(RELEVANT / 0.4);
  fillSkewedStore(db, count, seed, { spacingMs: Math.floor((6 * 86_400_000) / count) });
  const nowMs = (db.prepare('SELECT MAX(published_at_ms) FROM items').pluck().get() as number) + 60_000;
  const inWeek = db.prepare('SELECT COUNT(*) FROM items WHERE relevant = 1').pluck().get() as number;
  answerDigest(db, KNOWLEDGE.concerns, 'week', nowMs); // warm-up
  const build: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t = performance.now();
    answerDigest(db, KNOWLEDGE.concerns, 'week', nowMs);
    build.push(performance.now() - t);
  }
  db.close();
  return [{ key: 'digest10k_ms', name: `digest week, ${inWeek} relevant items`, unit: 'ms', samples: build, baseline: null }];
}
