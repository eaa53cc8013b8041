import type { Migration } from './index.js';

// A feed entry can change its title or text under the same identity. The item keeps its row (and
// its deliveries) and records when it was revised; an alert already posted gets an edit post that
// points at it, so the platform message is changed in place instead of a second one appearing.
export const REVISION_MIGRATIONS: readonly Migration[] = [
  {
    version: 190,
    name: 'item revisions and alert edits',
    up(db) {
      db.exec(`
        ALTER TABLE items ADD COLUMN revised_at_ms INTEGER;
        ALTER TABLE posts ADD COLUMN edit_of_post_id INTEGER REFERENCES posts (id) ON DELETE CASCADE;
        CREATE INDEX posts_edit_of ON posts (edit_of_post_id) WHERE edit_of_post_id IS NOT NULL;
      `);
    },
  },
];
