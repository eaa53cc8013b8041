import type { Db } from '../../src/store/db.js';

/** How long we remember a delivery id; Slack retries within minutes, so a day is ample. */
export const COMMANDS_SEEN_TTL_MS = 24 * 60 * 60 * 1000;

/** Remembers which Slack deliveries (event ids, slash-command trigger ids) were already handled. */
export interface CommandsSeen {
  /** Returns true the first time `eventId` is marked, false for every repeat (a Slack retry). */
  markSeen(eventId: string): boolean;
}

/** Returns the `commands_seen` store for one platform; old rows are dropped as new ones arrive. */
export function createCommandsSeen(db: Db, platform: string, now: () => number): CommandsSeen {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO commands_seen (platform, event_id, seen_at_ms) VALUES (@platform, @eventId, @nowMs)',
  );
  const prune = db.prepare('DELETE FROM commands_seen WHERE platform = @platform AND seen_at_ms < @beforeMs');
  let lastPruneAtMs = 0;
  return {
    markSeen(eventId) {
      const nowMs = now();
      if (nowMs - lastPruneAtMs > COMMANDS_SEEN_TTL_MS / 24) {
        prune.run({ platform, beforeMs: nowMs - COMMANDS_SEEN_TTL_MS });
        lastPruneAtMs = nowMs;
      }
      return insert.run({ platform, eventId, nowMs }).changes === 1;
    },
  };
}
