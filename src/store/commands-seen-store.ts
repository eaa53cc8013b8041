import type { CommandsSeen } from '../chat/chat-adapter.js';
import { statement, type Db } from './db.js';

/** How long we remember a delivery id; Slack retries within minutes, so a day is ample. */
export const COMMANDS_SEEN_TTL_MS = 24 * 60 * 60 * 1000;

/** Returns the `commands_seen` store for one platform; old rows are dropped as new ones arrive. */
export function createCommandsSeen(db: Db, platform: string, now: () => number): CommandsSeen {
  let lastPruneAtMs = 0;
  return {
    markSeen(eventId) {
      const nowMs = now();
      if (nowMs - lastPruneAtMs > COMMANDS_SEEN_TTL_MS / 24) {
        statement(db, 'DELETE FROM commands_seen WHERE platform = @platform AND seen_at_ms < @beforeMs')
          .run({ platform, beforeMs: nowMs - COMMANDS_SEEN_TTL_MS });
        lastPruneAtMs = nowMs;
      }
      return statement(db, 'INSERT OR IGNORE INTO commands_seen (platform, event_id, seen_at_ms) VALUES (@platform, @eventId, @nowMs)')
        .run({ platform, eventId, nowMs }).changes === 1;
    },
  };
}
