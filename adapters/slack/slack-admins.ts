import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/log.js';

/** How long a user's admin standing from `users.info` is trusted before it is asked again. */
export const ADMIN_CACHE_TTL_MS = 10 * 60 * 1000;

/** Decides whether a Slack user may run admin commands, and says who counts as admin. */
export interface SlackAdminCheck {
  isAdmin(userId: string): Promise<boolean>;
  /** One line for the start log: the listed ids, or "workspace admins and owners". */
  describe(): string;
}

/**
 * Returns the admin check: the users in SLACK_ADMIN_USER_IDS when it is set, otherwise the
 * workspace's admins and owners as `users.info` reports them (scope `users:read`), cached per user.
 * A failed lookup counts as "not admin" and is not cached, so the next command asks again.
 */
export function createSlackAdminCheck(deps: {
  client: webApi.WebClient;
  adminUserIds: readonly string[];
  log: Logger;
  now: () => number;
}): SlackAdminCheck {
  const { client, adminUserIds, log, now } = deps;
  const cache = new Map<string, { admin: boolean; untilMs: number }>();
  if (adminUserIds.length > 0) {
    return {
      isAdmin: async (userId) => adminUserIds.includes(userId),
      describe: () => `SLACK_ADMIN_USER_IDS (${adminUserIds.join(', ')})`,
    };
  }
  return {
    async isAdmin(userId) {
      const cached = cache.get(userId);
      if (cached && cached.untilMs > now()) return cached.admin;
      try {
        const res = await client.users.info({ user: userId });
        const user = res.user as { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean } | undefined;
        const admin = user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true;
        cache.set(userId, { admin, untilMs: now() + ADMIN_CACHE_TTL_MS });
        return admin;
      } catch (err) {
        log.warn('slack admin lookup failed', { user_id: userId, error: err });
        return false;
      }
    },
    describe: () => 'workspace admins and owners (users.info; set SLACK_ADMIN_USER_IDS to name admins instead)',
  };
}
