/**
 * Changed items: an item whose title or text changed keeps its alerts, which are brought up to
 * date rather than posted again. Rules, in order: (1) an alert not yet handed to the platform is
 * rewritten in the outbox; (2) an alert sent (or being sent) gets an edit post that replaces the
 * platform message in place, and an edit still waiting is rewritten instead of queueing another;
 * (3) an alert the platform refused is left alone; (4) an alert is edited at most MAX_EDITS_PER_POST
 * times, so a feed that rewrites an entry on every fetch cannot turn a channel into an edit stream.
 */
import type { ConcernRules } from '../knowledge/concern-rules.js';
import type { Db } from '../store/db.js';
import { loadItemDigestFacts } from '../store/deliveries-store.js';
import { countEdits, findPendingEdit, insertEditPost, listAlertPostsOfItem, rewritePendingPost } from '../store/post-edits-store.js';
import { buildAlert } from './build-alert.js';

/** Most edit posts one alert gets; later changes still update the stored item and digests. */
export const MAX_EDITS_PER_POST = 5;

/** Queues the alert edits that changed items need and returns how many posts were rewritten or queued. Runs in the poll's transaction. */
export function queueAlertEdits(db: Db, concerns: ConcernRules, itemIds: readonly number[], nowMs: number): number {
  let touched = 0;
  for (const itemId of itemIds) {
    const [facts] = loadItemDigestFacts(db, [itemId]);
    if (!facts) continue;
    for (const alert of listAlertPostsOfItem(db, itemId)) {
      if (alert.status === 'failed') continue;
      const message = buildAlert(facts, alert.timeZone, concerns);
      if (alert.status === 'pending' && rewritePendingPost(db, alert.postId, message)) {
        touched++;
        continue;
      }
      const waiting = findPendingEdit(db, alert.postId);
      if (waiting !== undefined && rewritePendingPost(db, waiting, message)) {
        touched++;
      } else if (countEdits(db, alert.postId) < MAX_EDITS_PER_POST) {
        insertEditPost(db, { editOfPostId: alert.postId, message, nowMs });
        touched++;
      }
    }
  }
  return touched;
}
