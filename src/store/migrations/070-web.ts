import type { Migration } from './index.js';

// The tracker pages and feeds list items by their date (published, else first seen): newest first,
// or inside a window of weeks. An index on that very expression lets SQLite read only the window.
export const WEB_MIGRATIONS: readonly Migration[] = [
  {
    version: 70,
    name: 'items by date for the tracker',
    up(db) {
      db.exec('CREATE INDEX items_date ON items (COALESCE(published_at_ms, fetched_at_ms))');
    },
  },
];
