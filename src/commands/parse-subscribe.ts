/**
 * The `subscribe` grammar, pure (see SUBSCRIBE_GRAMMAR). Clauses are separated by ";"; each starts
 * with a keyword (digest, alerts, session, article, concern, source, group, language). A time zone is an IANA
 * name; "Europe/Geneva", which people often type, is read as Europe/Zurich (the zone Geneva uses).
 */
import { nextCronTime, parseCron, type CronSpec } from '../deliver/next-cron-time.js';
import type { ArticleTables } from '../knowledge/article-tables.js';
import type { Knowledge } from '../knowledge/load-knowledge.js';
import { findArticle } from '../treaty/articles.js';
import type { SubscriptionSettings } from '../store/subscriptions-store.js';
import { didYouMean } from './suggest-name.js';
import { readTextLanguage } from '../treaty/official-text-sources.js';

const ZONE_ALIASES: Record<string, string> = { 'europe/geneva': 'Europe/Zurich', geneva: 'Europe/Zurich', utc: 'UTC', gmt: 'UTC' };
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** A parsed subscribe line, or the reason it could not be read. */
export type SubscribeParse = { ok: true; settings: SubscriptionSettings } | { ok: false; error: string };

/** Returns the settings a `subscribe` argument string asks for ({} for a bare `subscribe`). */
export function parseSubscribe(knowledge: Pick<Knowledge, 'articles' | 'concerns'>, args: string, defaultTimeZone = 'UTC'): SubscribeParse {
  const settings: SubscriptionSettings = {};
  for (const clause of args.split(';').map((c) => c.trim()).filter((c) => c !== '')) {
    const [keyword = '', ...rest] = clause.split(/\s+/);
    const error = applyClause(knowledge, keyword.toLowerCase(), rest, settings, defaultTimeZone);
    if (error) return { ok: false, error };
  }
  return { ok: true, settings };
}

function applyClause(knowledge: Pick<Knowledge, 'articles' | 'concerns'>, keyword: string, rest: string[], s: SubscriptionSettings, defaultZone: string): string | null {
  switch (keyword) {
    case 'digest':
      return applyDigest(rest, s, defaultZone);
    case 'alerts':
    case 'session': {
      const on = parseOnOff(rest);
      if (on === null) return `Say "${keyword} on" or "${keyword} off".`;
      if (keyword === 'alerts') s.alerts = on;
      else s.sessionMode = on;
      return null;
    }
    case 'article':
    case 'articles':
      return applyList(rest, (v) => (isArticleRef(knowledge.articles, v) ? null : `"${v}" is not an article of the convention (1-68, e.g. 28 or 28.4).`), (l) => (s.filterArticles = l));
    case 'concern':
    case 'concerns': {
      const ids = knowledge.concerns.concerns.map((c) => c.id);
      return applyList(rest, (v) => (ids.includes(v) ? null : `"${v}" is not a concern id.${didYouMean(v, ids)} "concern" lists them.`), (l) => (s.filterConcerns = l));
    }
    case 'source':
    case 'sources':
      return applyList(rest, (v) => (/^[a-z0-9][a-z0-9._-]{0,63}$/.test(v) ? null : `"${v}" is not a source id; "sources" lists them.`), (l) => (s.filterSources = l));
    case 'language': {
      const language = rest.length === 1 ? readTextLanguage(rest[0]!) : undefined;
      if (language === undefined) return 'Say "language" and one of ar, zh, en, fr, ru, es (the language of the official text in this channel).';
      s.language = language === 'en' ? null : language;
      return null;
    }
    case 'group': {
      const by = (rest[0] ?? '').toLowerCase();
      if (rest.length !== 1 || (by !== 'concern' && by !== 'article')) return 'Say "group concern" or "group article".';
      s.groupBy = by;
      return null;
    }
    default:
      return `Unknown subscribe option "${keyword}"; "help subscribe" shows them.`;
  }
}

function applyDigest(rest: string[], s: SubscriptionSettings, defaultZone: string): string | null {
  const [mode = '', ...args] = rest.map((r) => r.replace(/^["']|["']$/g, ''));
  let cron: string;
  let zoneArgs: string[];
  if (mode === 'off') {
    if (args.length > 0) return 'Say "digest off".';
    s.digestCron = null;
    s.nextDigestAtMs = null;
    return null;
  } else if (mode === 'daily' || mode === 'weekly') {
    const weekday = mode === 'weekly' ? WEEKDAYS.indexOf((args.shift() ?? '').slice(0, 3).toLowerCase()) : -2;
    if (weekday === -1) return 'Say the day, e.g. "digest weekly mon 09:00".';
    const time = /^([01]?\d|2[0-3])[:h.]?([0-5]\d)$/.exec(args.shift() ?? '');
    if (!time) return 'Give the time as HH:MM, e.g. "digest daily 08:00 Europe/Berlin".';
    cron = `${Number(time[2])} ${Number(time[1])} * * ${weekday >= 0 ? weekday : '*'}`;
    zoneArgs = args;
  } else if (mode === 'cron') {
    cron = args.slice(0, 5).join(' ');
    zoneArgs = args.slice(5);
    try {
      const never = explainNeverFires(parseCron(cron));
      if (never) return `"${cron}" never fires: ${never}; e.g. "digest cron 0 8 * * 1-5 Europe/Berlin".`;
    } catch (err) {
      return `${(err as Error).message.replace(/^schedule: /, '')}; e.g. "digest cron 0 8 * * 1-5 Europe/Berlin".`;
    }
  } else {
    return 'Say "digest daily HH:MM [zone]", "digest weekly <day> HH:MM [zone]", "digest cron <5 fields> [zone]" or "digest off".';
  }
  if (zoneArgs.length > 1) return `Unexpected "${zoneArgs.slice(1).join(' ')}" after the time zone.`;
  const zone = resolveTimeZone(zoneArgs[0] ?? defaultZone);
  if (!zone) return `"${zoneArgs[0]}" is not a time zone; use an IANA name such as Europe/Berlin or America/New_York.`;
  s.digestCron = cron;
  s.digestTimeZone = zone;
  s.nextDigestAtMs = null;
  return null;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// A cron whose days of the month never exist in its months (30 February) is valid syntax that
// never runs: say why instead of storing a digest that never comes.
function explainNeverFires(spec: CronSpec): string | null {
  try {
    nextCronTime(spec, 'UTC', 0);
    return null;
  } catch {
    const months = [...spec.months].sort((a, b) => a - b);
    const days = [...spec.days].sort((a, b) => a - b);
    const monthList = months.map((m) => MONTH_NAMES[m - 1]).join(', ');
    const longest = Math.max(...months.map((m) => MONTH_DAYS[m - 1]!));
    return `${monthList} ${months.length === 1 ? 'has' : 'have'} at most ${longest} days, and day ${days.join(', ')} never comes`;
  }
}

function applyList(rest: string[], check: (v: string) => string | null, set: (l: string[]) => void): string | null {
  const values = rest.join(' ').split(/[\s,]+/).map((v) => v.toLowerCase()).filter((v) => v !== '');
  if (values.length === 0) return 'Give at least one value, or "any" to clear the filter.';
  if (values.length === 1 && (values[0] === 'any' || values[0] === 'all')) {
    set([]);
    return null;
  }
  for (const v of values) {
    const error = check(v);
    if (error) return error;
  }
  set([...new Set(values)]);
  return null;
}

function parseOnOff(rest: string[]): boolean | null {
  if (rest.length !== 1) return null;
  const v = rest[0]!.toLowerCase();
  return v === 'on' ? true : v === 'off' ? false : null;
}

function isArticleRef(tables: ArticleTables, v: string): boolean {
  const m = /^(\d{1,2})(?:\.\d{1,2})?(?:\.[a-z])?$/.exec(v);
  return m !== null && findArticle(tables, Number(m[1])) !== undefined;
}

/** Returns the IANA zone for a name (with the aliases above), or null when unknown. */
export function resolveTimeZone(name: string): string | null {
  const zone = ZONE_ALIASES[name.toLowerCase()] ?? name;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
