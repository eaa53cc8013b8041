import { statement, type Db } from './db.js';

export type GroupBy = 'concern' | 'article';

/** A channel's subscription: digest schedule, alerts, filters and session-week mode. */
export interface Subscription {
  id: number;
  adapter: string;
  channel: string;
  /** Five-field cron expression, or null when the channel gets no scheduled digest. */
  digestCron: string | null;
  digestTimeZone: string;
  alerts: boolean;
  filterArticles: string[];
  filterConcerns: string[];
  filterSources: string[];
  sessionMode: boolean;
  groupBy: GroupBy;
  /** The language the channel reads the official text in (ISO 639-1), or null for English. */
  language: string | null;
  lastDigestAtMs: number | null;
  nextDigestAtMs: number | null;
  lastWrapUpAtMs: number | null;
  createdAtMs: number;
}

/** The fields a `subscribe` command may change. */
export type SubscriptionSettings = Partial<
  Pick<Subscription, 'digestCron' | 'digestTimeZone' | 'alerts' | 'filterArticles' | 'filterConcerns' | 'filterSources' | 'sessionMode' | 'groupBy' | 'nextDigestAtMs' | 'language'>
>;

interface SubscriptionRow {
  id: number;
  adapter: string;
  channel: string;
  digest_cron: string | null;
  digest_time_zone: string;
  alerts: number;
  filter_articles_json: string;
  filter_concerns_json: string;
  filter_sources_json: string;
  session_mode: number;
  group_by: GroupBy;
  language: string | null;
  last_digest_at_ms: number | null;
  next_digest_at_ms: number | null;
  last_wrap_up_at_ms: number | null;
  created_at_ms: number;
}

function rowToSubscription(r: SubscriptionRow): Subscription {
  return {
    id: r.id,
    adapter: r.adapter,
    channel: r.channel,
    digestCron: r.digest_cron,
    digestTimeZone: r.digest_time_zone,
    alerts: r.alerts === 1,
    filterArticles: JSON.parse(r.filter_articles_json) as string[],
    filterConcerns: JSON.parse(r.filter_concerns_json) as string[],
    filterSources: JSON.parse(r.filter_sources_json) as string[],
    sessionMode: r.session_mode === 1,
    groupBy: r.group_by,
    language: r.language,
    lastDigestAtMs: r.last_digest_at_ms,
    nextDigestAtMs: r.next_digest_at_ms,
    lastWrapUpAtMs: r.last_wrap_up_at_ms,
    createdAtMs: r.created_at_ms,
  };
}

/** Returns every subscription, oldest first. */
export function listSubscriptions(db: Db): Subscription[] {
  return (statement(db, 'SELECT * FROM subscriptions ORDER BY id').all() as SubscriptionRow[]).map(rowToSubscription);
}

/** Returns the subscription of a channel, or undefined. */
export function findSubscription(db: Db, adapter: string, channel: string): Subscription | undefined {
  const row = statement(db, 'SELECT * FROM subscriptions WHERE adapter = ? AND channel = ?').get(adapter, channel) as SubscriptionRow | undefined;
  return row && rowToSubscription(row);
}

/** Returns the subscription with that id, or undefined. */
export function getSubscription(db: Db, id: number): Subscription | undefined {
  const row = statement(db, 'SELECT * FROM subscriptions WHERE id = ?').get(id) as SubscriptionRow | undefined;
  return row && rowToSubscription(row);
}

/** Creates the channel's subscription if missing, applies `settings`, and returns it. */
export function upsertSubscription(
  db: Db,
  adapter: string,
  channel: string,
  settings: SubscriptionSettings,
  nowMs: number,
): Subscription {
  const run = db.transaction(() => {
    statement(db,
      `INSERT INTO subscriptions (adapter, channel, digest_cron, digest_time_zone, created_at_ms)
       VALUES (@adapter, @channel, @cron, @zone, @now) ON CONFLICT (adapter, channel) DO NOTHING`,
    ).run({ adapter, channel, cron: '0 8 * * *', zone: 'UTC', now: nowMs });
    const current = findSubscription(db, adapter, channel)!;
    const next = { ...current, ...settings };
    statement(db,
      `UPDATE subscriptions SET digest_cron = @digestCron, digest_time_zone = @digestTimeZone, alerts = @alerts,
         filter_articles_json = @articles, filter_concerns_json = @concerns, filter_sources_json = @sources,
         session_mode = @sessionMode, group_by = @groupBy, next_digest_at_ms = @nextDigestAtMs, language = @language
       WHERE id = @id`,
    ).run({
      id: current.id,
      digestCron: next.digestCron,
      digestTimeZone: next.digestTimeZone,
      alerts: next.alerts ? 1 : 0,
      articles: JSON.stringify(next.filterArticles),
      concerns: JSON.stringify(next.filterConcerns),
      sources: JSON.stringify(next.filterSources),
      sessionMode: next.sessionMode ? 1 : 0,
      groupBy: next.groupBy,
      nextDigestAtMs: next.nextDigestAtMs,
      language: next.language,
    });
    return findSubscription(db, adapter, channel)!;
  });
  return run.immediate();
}

/** Deletes a channel's subscription (and what it was still owed); returns whether there was one. */
export function deleteSubscription(db: Db, adapter: string, channel: string): boolean {
  return statement(db, 'DELETE FROM subscriptions WHERE adapter = ? AND channel = ?').run(adapter, channel).changes > 0;
}

/** Records that a digest was composed at `atMs` and when the next one is due. */
export function markDigestComposed(db: Db, id: number, atMs: number, nextAtMs: number | null): void {
  statement(db, 'UPDATE subscriptions SET last_digest_at_ms = ?, next_digest_at_ms = ? WHERE id = ?').run(atMs, nextAtMs, id);
}

/** Records that a session wrap-up was composed at `atMs`. */
export function markWrapUpComposed(db: Db, id: number, atMs: number): void {
  statement(db, 'UPDATE subscriptions SET last_wrap_up_at_ms = ? WHERE id = ?').run(atMs, id);
}
