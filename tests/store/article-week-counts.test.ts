import { describe, expect, it } from 'vitest';
import type { ClassifyResult } from '../../src/domain.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { ARTICLE_WEEK_MIGRATIONS } from '../../src/store/migrations/210-article-week-counts.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { saveClassification } from '../../src/store/tags-store.js';
import { countArticleMentionsByWeek, groupArticleMentionsByWeek, type WeekCount } from '../../src/store/tracker-store.js';
import { lastWeeks, WEEK_MS } from '../../src/web/week-window.js';

const REFS = ['24', '24.2', '28', '28.4', '40', '40.21', '62'];
const DAY_MS = 86_400_000;
// A Wednesday; the windows below reach back before 1970 too, to check weeks of negative instants.
const NOW_MS = Date.UTC(1970, 2, 4);

function seedDb(migrations = MIGRATIONS): Db {
  const db = openDatabase(':memory:', migrations);
  db.prepare(`INSERT INTO sources (id, name, publisher, kind, url, interval_ms, created_at_ms) VALUES ('a', 'A', 'p', 'feed', 'https://example.org/', 1, 0)`).run();
  return db;
}

function seeded(seed: number): () => number {
  let a = seed;
  return () => ((a = (a * 1103515245 + 12345) % 2147483648) / 2147483648);
}

// Any instant within 14 weeks before NOW_MS, a few on a week's first or last millisecond.
function randomDate(random: () => number): number {
  const at = NOW_MS - Math.floor(random() * 14 * WEEK_MS);
  const edge = random();
  if (edge < 0.1) return lastWeeks(at, 1).startMs;
  if (edge < 0.2) return lastWeeks(at, 1).startMs + WEEK_MS - 1;
  return at;
}

function result(random: () => number): ClassifyResult {
  const refs = REFS.filter(() => random() < 0.35);
  return {
    relevant: random() < 0.7, score: 0.5, articles: refs, concerns: [],
    mentions: refs.map((ref) => ({ raw: `Article ${ref}`, ref, cited_as: ref, version: 'final' as const, sentence: `About ${ref}.` })),
  };
}

const sorted = (rows: WeekCount<number>[]) => [...rows].sort((x, y) => x.key - y.key || x.week - y.week);

function randomSteps(db: Db, random: () => number, steps: number): void {
  const ids: number[] = [];
  const add = db.prepare('INSERT INTO items (source_id, dedupe_key, title, published_at_ms, fetched_at_ms, content_hash) VALUES (?, ?, ?, ?, ?, ?)');
  for (let step = 0; step < steps; step++) {
    const roll = random();
    if (roll < 0.45 || ids.length < 5) {
      const key = `k${step}`;
      const id = Number(add.run('a', key, key, random() < 0.2 ? null : randomDate(random), randomDate(random), key).lastInsertRowid);
      ids.push(id);
      if (random() < 0.9) saveClassification(db, id, result(random), step);
    } else if (roll < 0.7) {
      saveClassification(db, ids[Math.floor(random() * ids.length)]!, result(random), step);
    } else if (roll < 0.8) {
      db.prepare('UPDATE items SET relevant = ? WHERE id = ?').run(random() < 0.5 ? 1 : 0, ids[Math.floor(random() * ids.length)]!);
    } else if (roll < 0.92) {
      db.prepare('UPDATE items SET published_at_ms = ? WHERE id = ?').run(random() < 0.2 ? null : randomDate(random), ids[Math.floor(random() * ids.length)]!);
    } else {
      db.prepare('DELETE FROM items WHERE id = ?').run(ids.splice(Math.floor(random() * ids.length), 1)[0]!);
    }
  }
}

describe('article counts per week kept by triggers', () => {
  it('match grouping every tagged item after random tagging, re-dating, relevance flips and deletions', () => {
    const db = seedDb();
    randomSteps(db, seeded(11), 700);
    for (const weeks of [1, 4, 12, 16]) {
      const window = lastWeeks(NOW_MS, weeks);
      const kept = sorted(countArticleMentionsByWeek(db, window));
      expect(kept).toEqual(sorted(groupArticleMentionsByWeek(db, window)));
      if (weeks === 12) expect(kept.reduce((n, c) => n + c.count, 0)).toBeGreaterThan(50);
    }
    db.prepare("DELETE FROM sources WHERE id = 'a'").run();
    expect(countArticleMentionsByWeek(db, lastWeeks(NOW_MS, 16))).toEqual([]);
  });

  it('groups the items for a window whose weeks do not start on Monday', () => {
    const db = seedDb();
    randomSteps(db, seeded(5), 200);
    const window = { startMs: lastWeeks(NOW_MS, 12).startMs + DAY_MS, weeks: 12, weekMs: WEEK_MS };
    expect(sorted(countArticleMentionsByWeek(db, window))).toEqual(sorted(groupArticleMentionsByWeek(db, window)));
  });

  it('are filled from existing tags when the migration runs on an older database', () => {
    const db = seedDb(MIGRATIONS.filter((m) => !ARTICLE_WEEK_MIGRATIONS.includes(m)));
    randomSteps(db, seeded(3), 300);
    for (const m of ARTICLE_WEEK_MIGRATIONS) m.up(db);
    const window = lastWeeks(NOW_MS, 16);
    expect(sorted(countArticleMentionsByWeek(db, window))).toEqual(sorted(groupArticleMentionsByWeek(db, window)));
  });
});
