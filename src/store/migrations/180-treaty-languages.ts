import type { Migration } from './index.js';

/*
 * The official text in several languages side by side: each stored provision and each import
 * carries its language (ISO 639-1; every text stored before is English). A ref is unique per
 * language, so the table is rebuilt with the same row ids, which keeps the full-text index valid.
 * The background import records its attempts, so a restart keeps the backoff, and `status` can say
 * why a text is missing. A channel may ask for the text in its language.
 */
export const TREATY_LANGUAGE_MIGRATIONS: readonly Migration[] = [
  {
    version: 180,
    name: 'official text per language, import attempts, channel language',
    up(db) {
      db.exec(`
        CREATE TABLE article_texts_by_language (
          id         INTEGER PRIMARY KEY,
          language   TEXT NOT NULL,
          ref        TEXT NOT NULL,
          article    INTEGER NOT NULL,
          paragraph  INTEGER,
          letter     TEXT,
          position   INTEGER NOT NULL,
          text       TEXT NOT NULL,
          UNIQUE (language, ref)
        );
        INSERT INTO article_texts_by_language (id, language, ref, article, paragraph, letter, position, text)
          SELECT id, 'en', ref, article, paragraph, letter, position, text FROM article_texts;
        DROP TABLE article_texts;
        ALTER TABLE article_texts_by_language RENAME TO article_texts;
        CREATE INDEX article_texts_article ON article_texts (language, article, position);
        CREATE TRIGGER article_texts_fts_insert AFTER INSERT ON article_texts BEGIN
          INSERT INTO article_texts_fts (rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TRIGGER article_texts_fts_delete AFTER DELETE ON article_texts BEGIN
          INSERT INTO article_texts_fts (article_texts_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        CREATE TRIGGER article_texts_fts_update AFTER UPDATE OF text ON article_texts BEGIN
          INSERT INTO article_texts_fts (article_texts_fts, rowid, text) VALUES ('delete', old.id, old.text);
          INSERT INTO article_texts_fts (rowid, text) VALUES (new.id, new.text);
        END;

        ALTER TABLE treaty_imports ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
        CREATE INDEX treaty_imports_language ON treaty_imports (language, imported_at_ms);

        CREATE TABLE treaty_text_attempts (
          language            TEXT PRIMARY KEY,
          source              TEXT NOT NULL,
          failures            INTEGER NOT NULL,
          last_attempt_at_ms  INTEGER NOT NULL,
          next_attempt_at_ms  INTEGER NOT NULL,
          last_error          TEXT NOT NULL,
          etag                TEXT,
          last_modified       TEXT
        );

        ALTER TABLE subscriptions ADD COLUMN language TEXT;
      `);
    },
  },
];
