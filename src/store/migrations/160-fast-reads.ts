import type { Migration } from './index.js';

/*
 * An article lookup must not slow down as the article gets cited more. Three tables are kept up to
 * date by triggers whenever tags or relevance change, whoever writes them:
 * - article_counts: how many relevant items cite each article (an item citing 28 and 28.4 counts once);
 * - article_concern_counts: the same per (article, concern);
 * - article_latest: one row per (article, relevant item), keyed by the item's date, so "the newest
 *   five" is a walk of five index entries.
 * An item counts as relevant while it is unclassified (relevant IS NULL), as the lookup always did.
 * An item's link to an article starts with its first tag row for that article and ends with its
 * last; relevance changes add or remove all its links at once. Deleting an item first deletes its
 * tags, while the item row (its relevance and date) is still there to read.
 */
const RELEVANT = (id: string) => `(SELECT COALESCE(relevant, 1) = 1 FROM items WHERE id = ${id})`;
const IS_RELEVANT = (row: string) => `COALESCE(${row}.relevant, 1) = 1`;
const AT_MS = (id: string) => `(SELECT COALESCE(published_at_ms, fetched_at_ms) FROM items WHERE id = ${id})`;

export const FAST_READ_MIGRATIONS: readonly Migration[] = [
  {
    version: 160,
    name: 'article citation counts and newest items kept by triggers',
    up(db) {
      db.exec(`
        CREATE TABLE article_counts (
          article  INTEGER PRIMARY KEY,
          items    INTEGER NOT NULL
        );
        CREATE TABLE article_concern_counts (
          article  INTEGER NOT NULL,
          concern  TEXT NOT NULL,
          items    INTEGER NOT NULL,
          PRIMARY KEY (article, concern)
        ) WITHOUT ROWID;
        CREATE TABLE article_latest (
          article  INTEGER NOT NULL,
          at_ms    INTEGER NOT NULL,
          item_id  INTEGER NOT NULL,
          PRIMARY KEY (article, at_ms, item_id)
        ) WITHOUT ROWID;

        CREATE TRIGGER article_link_insert AFTER INSERT ON item_articles
        WHEN ${RELEVANT('new.item_id')}
          AND NOT EXISTS (SELECT 1 FROM item_articles WHERE item_id = new.item_id AND article = new.article AND ref <> new.ref)
        BEGIN
          INSERT INTO article_counts (article, items) VALUES (new.article, 1)
            ON CONFLICT (article) DO UPDATE SET items = items + 1;
          INSERT INTO article_concern_counts (article, concern, items)
            SELECT new.article, concern, 1 FROM item_concerns WHERE item_id = new.item_id
            ON CONFLICT (article, concern) DO UPDATE SET items = items + 1;
          INSERT OR IGNORE INTO article_latest (article, at_ms, item_id) VALUES (new.article, ${AT_MS('new.item_id')}, new.item_id);
        END;

        CREATE TRIGGER article_link_delete AFTER DELETE ON item_articles
        WHEN ${RELEVANT('old.item_id')}
          AND NOT EXISTS (SELECT 1 FROM item_articles WHERE item_id = old.item_id AND article = old.article)
        BEGIN
          UPDATE article_counts SET items = items - 1 WHERE article = old.article;
          UPDATE article_concern_counts SET items = items - 1
            WHERE article = old.article AND concern IN (SELECT concern FROM item_concerns WHERE item_id = old.item_id);
          DELETE FROM article_latest WHERE article = old.article AND at_ms = ${AT_MS('old.item_id')} AND item_id = old.item_id;
        END;

        CREATE TRIGGER article_concern_insert AFTER INSERT ON item_concerns
        WHEN ${RELEVANT('new.item_id')}
        BEGIN
          INSERT INTO article_concern_counts (article, concern, items)
            SELECT DISTINCT article, new.concern, 1 FROM item_articles WHERE item_id = new.item_id
            ON CONFLICT (article, concern) DO UPDATE SET items = items + 1;
        END;

        CREATE TRIGGER article_concern_delete AFTER DELETE ON item_concerns
        WHEN ${RELEVANT('old.item_id')}
        BEGIN
          UPDATE article_concern_counts SET items = items - 1
            WHERE concern = old.concern AND article IN (SELECT article FROM item_articles WHERE item_id = old.item_id);
        END;

        CREATE TRIGGER article_item_relevance AFTER UPDATE OF relevant ON items
        WHEN (${IS_RELEVANT('old')}) <> (${IS_RELEVANT('new')})
        BEGIN
          INSERT INTO article_counts (article, items)
            SELECT DISTINCT article, CASE WHEN ${IS_RELEVANT('new')} THEN 1 ELSE -1 END
            FROM item_articles WHERE item_id = new.id
            ON CONFLICT (article) DO UPDATE SET items = items + excluded.items;
          INSERT INTO article_concern_counts (article, concern, items)
            SELECT a.article, c.concern, CASE WHEN ${IS_RELEVANT('new')} THEN 1 ELSE -1 END
            FROM (SELECT DISTINCT article FROM item_articles WHERE item_id = new.id) AS a
            JOIN item_concerns c ON c.item_id = new.id WHERE 1
            ON CONFLICT (article, concern) DO UPDATE SET items = items + excluded.items;
          DELETE FROM article_latest WHERE NOT (${IS_RELEVANT('new')})
            AND article IN (SELECT article FROM item_articles WHERE item_id = new.id)
            AND at_ms = COALESCE(new.published_at_ms, new.fetched_at_ms) AND item_id = new.id;
          INSERT OR IGNORE INTO article_latest (article, at_ms, item_id)
            SELECT DISTINCT article, COALESCE(new.published_at_ms, new.fetched_at_ms), new.id
            FROM item_articles WHERE item_id = new.id AND ${IS_RELEVANT('new')};
        END;

        CREATE TRIGGER article_item_date AFTER UPDATE OF published_at_ms, fetched_at_ms ON items
        WHEN COALESCE(old.published_at_ms, old.fetched_at_ms) <> COALESCE(new.published_at_ms, new.fetched_at_ms)
        BEGIN
          UPDATE article_latest SET at_ms = COALESCE(new.published_at_ms, new.fetched_at_ms)
            WHERE article IN (SELECT article FROM item_articles WHERE item_id = new.id)
              AND at_ms = COALESCE(old.published_at_ms, old.fetched_at_ms) AND item_id = new.id;
        END;

        CREATE TRIGGER article_item_delete BEFORE DELETE ON items
        BEGIN
          DELETE FROM item_concerns WHERE item_id = old.id;
          DELETE FROM item_articles WHERE item_id = old.id;
        END;

        INSERT INTO article_counts (article, items)
          SELECT a.article, COUNT(DISTINCT a.item_id) FROM item_articles a JOIN items i ON i.id = a.item_id
          WHERE COALESCE(i.relevant, 1) = 1 GROUP BY a.article;
        INSERT INTO article_concern_counts (article, concern, items)
          SELECT a.article, c.concern, COUNT(DISTINCT a.item_id)
          FROM item_articles a JOIN items i ON i.id = a.item_id JOIN item_concerns c ON c.item_id = a.item_id
          WHERE COALESCE(i.relevant, 1) = 1 GROUP BY a.article, c.concern;
        INSERT OR IGNORE INTO article_latest (article, at_ms, item_id)
          SELECT a.article, COALESCE(i.published_at_ms, i.fetched_at_ms), a.item_id
          FROM item_articles a JOIN items i ON i.id = a.item_id WHERE COALESCE(i.relevant, 1) = 1;
      `);
    },
  },
  {
    version: 200,
    name: 'items full-text index holds relevant items only',
    up(db) {
      // Search lists relevant items only, and most polled items are not relevant: indexing only the
      // relevant ones makes the index (and every insert) cheaper and lets FTS5 rank and LIMIT on
      // its own, with no join to filter. An item enters the index when classified relevant and
      // leaves it when re-classified otherwise.
      db.exec(`
        DROP TRIGGER items_fts_insert;
        DROP TRIGGER items_fts_delete;
        DROP TRIGGER items_fts_update;
        CREATE TRIGGER items_fts_insert AFTER INSERT ON items WHEN new.relevant = 1 BEGIN
          INSERT INTO items_fts (rowid, title, summary, text) VALUES (new.id, new.title, new.summary, new.text);
        END;
        CREATE TRIGGER items_fts_delete AFTER DELETE ON items WHEN old.relevant = 1 BEGIN
          INSERT INTO items_fts (items_fts, rowid, title, summary, text) VALUES ('delete', old.id, old.title, old.summary, old.text);
        END;
        CREATE TRIGGER items_fts_update AFTER UPDATE OF title, summary, text, relevant ON items
        WHEN (old.relevant = 1 OR new.relevant = 1)
          AND (old.relevant IS NOT new.relevant OR old.title IS NOT new.title OR old.summary IS NOT new.summary OR old.text IS NOT new.text)
        BEGIN
          INSERT INTO items_fts (items_fts, rowid, title, summary, text)
            SELECT 'delete', old.id, old.title, old.summary, old.text WHERE old.relevant = 1;
          INSERT INTO items_fts (rowid, title, summary, text)
            SELECT new.id, new.title, new.summary, new.text WHERE new.relevant = 1;
        END;
        INSERT INTO items_fts (items_fts) VALUES ('delete-all');
        INSERT INTO items_fts (rowid, title, summary, text) SELECT id, title, summary, text FROM items WHERE relevant = 1;
      `);
    },
  },
];
