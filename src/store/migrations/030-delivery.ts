import type { Migration } from './index.js';

/**
 * Subscriptions (one per adapter + channel), the outbox of item deliveries, and the composed posts.
 * A delivery row is owed from the moment its item is stored (same transaction); a post is one chat
 * message (an alert, a digest, a wrap-up) and carries the state that makes sending exactly-once.
 */
export const DELIVERY_MIGRATIONS: readonly Migration[] = [
  {
    version: 30,
    name: 'subscriptions, deliveries, posts',
    up(db) {
      db.exec(`
        CREATE TABLE subscriptions (
          id                    INTEGER PRIMARY KEY,
          adapter               TEXT NOT NULL,
          channel               TEXT NOT NULL,
          digest_cron           TEXT,
          digest_time_zone      TEXT NOT NULL DEFAULT 'UTC',
          alerts                INTEGER NOT NULL DEFAULT 1,
          filter_articles_json  TEXT NOT NULL DEFAULT '[]',
          filter_concerns_json  TEXT NOT NULL DEFAULT '[]',
          filter_sources_json   TEXT NOT NULL DEFAULT '[]',
          session_mode          INTEGER NOT NULL DEFAULT 0,
          group_by              TEXT NOT NULL DEFAULT 'concern' CHECK (group_by IN ('concern', 'article')),
          last_digest_at_ms     INTEGER,
          next_digest_at_ms     INTEGER,
          last_wrap_up_at_ms    INTEGER,
          created_at_ms         INTEGER NOT NULL,
          UNIQUE (adapter, channel)
        );

        CREATE TABLE posts (
          id                  INTEGER PRIMARY KEY,
          subscription_id     INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
          kind                TEXT NOT NULL CHECK (kind IN ('alert', 'digest', 'wrap-up', 'note')),
          message_json        TEXT NOT NULL,
          status              TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
          attempts            INTEGER NOT NULL DEFAULT 0,
          next_attempt_at_ms  INTEGER NOT NULL DEFAULT 0,
          platform_id         TEXT,
          last_error          TEXT,
          reported            INTEGER NOT NULL DEFAULT 0,
          created_at_ms       INTEGER NOT NULL,
          sent_at_ms          INTEGER
        );
        CREATE INDEX posts_open ON posts (status, next_attempt_at_ms);

        CREATE TABLE deliveries (
          id               INTEGER PRIMARY KEY,
          subscription_id  INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
          item_id          INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
          kind             TEXT NOT NULL CHECK (kind IN ('alert', 'digest')),
          post_id          INTEGER REFERENCES posts (id) ON DELETE SET NULL,
          created_at_ms    INTEGER NOT NULL,
          UNIQUE (subscription_id, item_id, kind)
        );
        CREATE INDEX deliveries_unposted ON deliveries (subscription_id, kind, post_id);
      `);
    },
  },
];
