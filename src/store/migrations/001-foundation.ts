import type { Migration } from './index.js';

/** Sources with their fetch state, items, their tags, and the full-text index over items. */
export const FOUNDATION_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'sources, items, tags',
    up(db) {
      db.exec(`
        CREATE TABLE sources (
          id                  TEXT PRIMARY KEY,
          name                TEXT NOT NULL,
          publisher           TEXT NOT NULL,
          kind                TEXT NOT NULL CHECK (kind IN ('feed', 'page', 'treaty-status')),
          url                 TEXT NOT NULL,
          selectors_json      TEXT,
          interval_ms         INTEGER NOT NULL,
          priority            TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('high', 'normal', 'low')),
          session_critical    INTEGER NOT NULL DEFAULT 0,
          origin              TEXT NOT NULL DEFAULT 'builtin' CHECK (origin IN ('builtin', 'operator', 'user')),
          enabled             INTEGER NOT NULL DEFAULT 1,
          etag                TEXT,
          last_modified       TEXT,
          next_check_at_ms    INTEGER NOT NULL DEFAULT 0,
          last_checked_at_ms  INTEGER,
          last_success_at_ms  INTEGER,
          last_new_at_ms      INTEGER,
          first_polled_at_ms  INTEGER,
          last_status         TEXT,
          last_http_status    INTEGER,
          error_count         INTEGER NOT NULL DEFAULT 0,
          last_error          TEXT,
          last_error_at_ms    INTEGER,
          created_at_ms       INTEGER NOT NULL
        );
        CREATE INDEX sources_due ON sources (enabled, next_check_at_ms);

        CREATE TABLE items (
          id               INTEGER PRIMARY KEY,
          source_id        TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
          dedupe_key       TEXT NOT NULL,
          kind             TEXT NOT NULL DEFAULT 'post' CHECK (kind IN ('post', 'document', 'signature', 'ratification', 'treaty-action')),
          guid             TEXT,
          url              TEXT,
          canonical_url    TEXT,
          title            TEXT NOT NULL DEFAULT '',
          summary          TEXT NOT NULL DEFAULT '',
          text             TEXT NOT NULL DEFAULT '',
          author           TEXT,
          published_at_ms  INTEGER,
          fetched_at_ms    INTEGER NOT NULL,
          content_hash     TEXT NOT NULL,
          extra_json       TEXT,
          deliverable      INTEGER NOT NULL DEFAULT 1,
          relevant         INTEGER,
          score            REAL,
          classified_at_ms INTEGER,
          UNIQUE (source_id, dedupe_key)
        );
        CREATE INDEX items_published ON items (published_at_ms);
        CREATE INDEX items_fetched ON items (fetched_at_ms);
        CREATE INDEX items_canonical_url ON items (canonical_url);

        CREATE TABLE item_articles (
          item_id   INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
          ref       TEXT NOT NULL,
          article   INTEGER NOT NULL,
          cited_as  TEXT NOT NULL,
          version   TEXT NOT NULL,
          raw       TEXT NOT NULL,
          sentence  TEXT NOT NULL,
          PRIMARY KEY (item_id, ref)
        );
        CREATE INDEX item_articles_article ON item_articles (article, item_id);

        CREATE TABLE item_concerns (
          item_id  INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
          concern  TEXT NOT NULL,
          PRIMARY KEY (item_id, concern)
        );
        CREATE INDEX item_concerns_concern ON item_concerns (concern, item_id);

        CREATE VIRTUAL TABLE items_fts USING fts5 (
          title, summary, text, content = 'items', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
          INSERT INTO items_fts (rowid, title, summary, text) VALUES (new.id, new.title, new.summary, new.text);
        END;
        CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
          INSERT INTO items_fts (items_fts, rowid, title, summary, text) VALUES ('delete', old.id, old.title, old.summary, old.text);
        END;
        CREATE TRIGGER items_fts_update AFTER UPDATE OF title, summary, text ON items BEGIN
          INSERT INTO items_fts (items_fts, rowid, title, summary, text) VALUES ('delete', old.id, old.title, old.summary, old.text);
          INSERT INTO items_fts (rowid, title, summary, text) VALUES (new.id, new.title, new.summary, new.text);
        END;

        CREATE TABLE commands_seen (
          platform     TEXT NOT NULL,
          event_id     TEXT NOT NULL,
          seen_at_ms   INTEGER NOT NULL,
          PRIMARY KEY (platform, event_id)
        );
      `);
    },
  },
];
