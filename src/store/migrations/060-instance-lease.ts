import type { Migration } from './index.js';

/**
 * The instance lease: at most one row, naming the process that may write (a running bot, or a CLI
 * command that writes). Its heartbeat tells a live holder from one that died without releasing it.
 */
export const LEASE_MIGRATIONS: readonly Migration[] = [
  {
    version: 60,
    name: 'instance lease',
    up(db) {
      db.exec(`
        CREATE TABLE instance_lease (
          id               INTEGER PRIMARY KEY CHECK (id = 1),
          holder           TEXT NOT NULL,
          pid              INTEGER NOT NULL,
          host             TEXT NOT NULL,
          token            TEXT NOT NULL,
          since_ms         INTEGER NOT NULL,
          heartbeat_at_ms  INTEGER NOT NULL
        ) STRICT;
      `);
    },
  },
];
