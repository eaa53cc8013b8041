import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { textMessage, type Message } from '../../src/chat/message.js';
import { openDatabase } from '../../src/store/db.js';
import { writeWeeklyChart } from '../../src/web/render-weekly-chart.js';
import { SEED_NOW_MS, seedTracker } from './seed-tracker.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

/** A weekly digest carrying the chart of the seeded week, written to a temporary folder. */
export interface WeeklyDigestFixture {
  digest: Message;
  remove(): void;
}

/** Renders the chart of the seeded week into a fresh folder and returns a digest carrying it. */
export function makeWeeklyDigest(): WeeklyDigestFixture {
  const dir = mkdtempSync(join(tmpdir(), 'tw-chart-'));
  const db = openDatabase(':memory:');
  seedTracker(db);
  const digest = { ...textMessage('digest', 'Weekly digest: 4 stories'), image: writeWeeklyChart(db, KNOWLEDGE.concerns, dir, SEED_NOW_MS) };
  db.close();
  return { digest, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
