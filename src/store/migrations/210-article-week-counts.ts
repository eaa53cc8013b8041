import type { Migration } from './index.js';

/** One week, and where weeks start: 1970-01-01 was a Thursday, so weeks are shifted to start on Mondays 00:00 UTC. */
export const COUNT_WEEK_MS = 7 * 86_400_000;
export const COUNT_WEEK_OFFSET_MS = 4 * 86_400_000;

/** SQL for the Monday-based week number of an instant (floor division, also before 1970). */
function weekOf(atMs: string): string {
  const shifted = `(${atMs} - ${COUNT_WEEK_OFFSET_MS})`;
  return `(${shifted} / ${COUNT_WEEK_MS} - (${shifted} % ${COUNT_WEEK_MS} < 0))`;
}

/*
 * The tracker's heat map counts relevant items per (article, week). article_latest (migration 160)
 * already holds one row per (article, relevant item) with the item's date, kept by the tag,
 * relevance and date triggers; three triggers on it keep the per-week counts, so the heat map reads
 * at most weeks x articles rows however many items are stored.
 */
export const ARTICLE_WEEK_MIGRATIONS: readonly Migration[] = [
  {
    version: 210,
    name: 'relevant items per article and week kept by triggers',
    up(db) {
      db.exec(`
        CREATE TABLE article_week_counts (
          week     INTEGER NOT NULL,
          article  INTEGER NOT NULL,
          items    INTEGER NOT NULL,
          PRIMARY KEY (week, article)
        ) WITHOUT ROWID;

        CREATE TRIGGER article_week_insert AFTER INSERT ON article_latest BEGIN
          INSERT INTO article_week_counts (week, article, items) VALUES (${weekOf('new.at_ms')}, new.article, 1)
            ON CONFLICT (week, article) DO UPDATE SET items = items + 1;
        END;
        CREATE TRIGGER article_week_delete AFTER DELETE ON article_latest BEGIN
          UPDATE article_week_counts SET items = items - 1 WHERE week = ${weekOf('old.at_ms')} AND article = old.article;
        END;
        CREATE TRIGGER article_week_update AFTER UPDATE OF at_ms, article ON article_latest BEGIN
          UPDATE article_week_counts SET items = items - 1 WHERE week = ${weekOf('old.at_ms')} AND article = old.article;
          INSERT INTO article_week_counts (week, article, items) VALUES (${weekOf('new.at_ms')}, new.article, 1)
            ON CONFLICT (week, article) DO UPDATE SET items = items + 1;
        END;

        INSERT INTO article_week_counts (week, article, items)
          SELECT ${weekOf('at_ms')} AS week, article, COUNT(*) FROM article_latest GROUP BY week, article;
      `);
    },
  },
];
