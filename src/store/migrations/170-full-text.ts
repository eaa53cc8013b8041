import type { Migration } from './index.js';

// The text of an item's linked page, fetched after the item was stored: one row per queued item,
// holding the queue state (attempts, next attempt, last error) and, once done, the main text. It
// lives beside `items` so the feed entry (title, summary) is never overwritten, and it has its own
// full-text index, searched beside the items index.
export const FULL_TEXT_MIGRATIONS: readonly Migration[] = [
  {
    version: 170,
    name: 'full text of item pages',
    up(db) {
      db.exec(`
        CREATE TABLE item_full_texts (
          item_id             INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
          status              TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'skipped')),
          attempts            INTEGER NOT NULL DEFAULT 0,
          next_attempt_at_ms  INTEGER NOT NULL,
          error               TEXT,
          title               TEXT NOT NULL DEFAULT '',
          text                TEXT NOT NULL DEFAULT '',
          final_url           TEXT,
          content_type        TEXT,
          queued_at_ms        INTEGER NOT NULL,
          extracted_at_ms     INTEGER
        );
        CREATE INDEX item_full_texts_due ON item_full_texts (status, next_attempt_at_ms);

        CREATE VIRTUAL TABLE item_full_texts_fts USING fts5 (
          text, content = 'item_full_texts', content_rowid = 'item_id', tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER item_full_texts_fts_insert AFTER INSERT ON item_full_texts BEGIN
          INSERT INTO item_full_texts_fts (rowid, text) VALUES (new.item_id, new.text);
        END;
        CREATE TRIGGER item_full_texts_fts_delete AFTER DELETE ON item_full_texts BEGIN
          INSERT INTO item_full_texts_fts (item_full_texts_fts, rowid, text) VALUES ('delete', old.item_id, old.text);
        END;
        CREATE TRIGGER item_full_texts_fts_update AFTER UPDATE OF text ON item_full_texts BEGIN
          INSERT INTO item_full_texts_fts (item_full_texts_fts, rowid, text) VALUES ('delete', old.item_id, old.text);
          INSERT INTO item_full_texts_fts (rowid, text) VALUES (new.item_id, new.text);
        END;

        ALTER TABLE sources ADD COLUMN full_text TEXT NOT NULL DEFAULT 'relevant' CHECK (full_text IN ('off', 'relevant', 'all'));
      `);
    },
  },
];
