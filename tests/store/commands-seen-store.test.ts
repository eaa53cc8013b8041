import { describe, expect, it } from 'vitest';
import { COMMANDS_SEEN_TTL_MS, createCommandsSeen } from '../../src/store/commands-seen-store.js';
import { openDatabase } from '../../src/store/db.js';

describe('createCommandsSeen', () => {
  it('reports the first delivery as new and repeats as seen, per platform, and forgets after a day', () => {
    const db = openDatabase(':memory:');
    let nowMs = 1_000;
    const slack = createCommandsSeen(db, 'slack', () => nowMs);
    const matrix = createCommandsSeen(db, 'matrix', () => nowMs);
    expect(slack.markSeen('e1')).toBe(true);
    expect(slack.markSeen('e1')).toBe(false);
    expect(matrix.markSeen('e1')).toBe(true);
    nowMs += COMMANDS_SEEN_TTL_MS + 2 * 60 * 60 * 1000;
    expect(slack.markSeen('e2')).toBe(true);
    expect(db.prepare("SELECT event_id FROM commands_seen WHERE platform = 'slack'").all()).toEqual([{ event_id: 'e2' }]);
    db.close();
  });
});
