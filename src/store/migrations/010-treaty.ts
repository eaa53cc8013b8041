import type { Migration } from './index.js';

/** The convention's official text per article, paragraph and subparagraph, its imports, and its full-text index. */
export const TREATY_MIGRATIONS: readonly Migration[] = [
  {
    version: 10,
    name: 'official article text',
    up(db) {
      // An integer key keeps the FTS rowid stable; `ref` is the canonical "28", "28.4", "28.4.b".
      db.exec(`
        CREATE TABLE article_texts (
          id         INTEGER PRIMARY KEY,
          ref        TEXT NOT NULL UNIQUE,
          article    INTEGER NOT NULL,
          paragraph  INTEGER,
          letter     TEXT,
          position   INTEGER NOT NULL,
          text       TEXT NOT NULL
        );
        CREATE INDEX article_texts_article ON article_texts (article, position);

        CREATE TABLE treaty_imports (
          id              INTEGER PRIMARY KEY,
          source          TEXT NOT NULL,
          sha256          TEXT NOT NULL UNIQUE,
          format          TEXT NOT NULL,
          imported_at_ms  INTEGER NOT NULL,
          articles        INTEGER NOT NULL,
          provisions      INTEGER NOT NULL
        );

        CREATE VIRTUAL TABLE article_texts_fts USING fts5 (
          text, content = 'article_texts', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
        );
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
      `);
    },
  },
];
