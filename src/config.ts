import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isIP } from 'node:net';
import cron from 'node-cron';
import { nextCronTime } from './deliver/next-cron-time.js';
import { DEFAULT_CONTACT_URL } from './fetch/user-agent.js';
import type { LogLevel } from './log.js';
import { parseTreatyTextSetting, type TreatyTextSetting } from './treaty/official-text-sources.js';

/** Runtime configuration, parsed once from the environment. */
export interface Config {
  dbPath: string;
  sourcesFile: string | null;
  calendarFile: string | null;
  httpPort: number | null;
  httpHost: string;
  /** The tracker's address as readers reach it (links from chat), or null. */
  publicUrl: string | null;
  /** Where weekly chart PNGs are written. */
  chartDir: string;
  logLevel: LogLevel;
  contactUrl: string;
  digestCron: string;
  digestTimeZone: string;
  /** Where the official text comes from at first start (TREATYWATCH_TREATY_TEXT). */
  treatyText: TreatyTextSetting;
  /** Whether linked pages of relevant items are fetched for their full text, and the gap between two requests to one host. */
  fullText: { enabled: boolean; hostIntervalMs: number };
  slack: {
    botToken: string | null;
    appToken: string | null;
    signingSecret: string | null;
    port: number | null;
    /** The address the HTTP-mode receiver listens on (127.0.0.1 when absent). */
    host?: string;
    adminUserIds: string[];
    apiUrl: string | null;
  };
  matrix: {
    homeserverUrl: string | null;
    accessToken: string | null;
    userId: string | null;
    allowedInviters: string[];
    adminUserIds: string[];
  };
}

/** Every variable we read, with its default; `.env.example` documents the same names (a test keeps them in step). */
export const CONFIG_DEFAULTS = {
  TREATYWATCH_DB: './data/treatywatch.db',
  TREATYWATCH_SOURCES: '',
  TREATYWATCH_CALENDAR: '',
  TREATYWATCH_HTTP_PORT: '',
  TREATYWATCH_HTTP_HOST: '127.0.0.1',
  TREATYWATCH_PUBLIC_URL: '',
  TREATYWATCH_CHART_DIR: '',
  TREATYWATCH_CONTACT_URL: DEFAULT_CONTACT_URL,
  TREATYWATCH_DIGEST_CRON: '0 8 * * *',
  TREATYWATCH_DIGEST_TZ: 'UTC',
  TREATYWATCH_TREATY_TEXT: 'auto',
  TREATYWATCH_FULL_TEXT: 'on',
  TREATYWATCH_FULL_TEXT_HOST_INTERVAL_MS: '2000',
  LOG_LEVEL: 'info',
  SLACK_BOT_TOKEN: '',
  SLACK_APP_TOKEN: '',
  SLACK_SIGNING_SECRET: '',
  SLACK_PORT: '',
  SLACK_HOST: '127.0.0.1',
  SLACK_ADMIN_USER_IDS: '',
  SLACK_API_URL: '',
  MATRIX_HOMESERVER_URL: '',
  MATRIX_ACCESS_TOKEN: '',
  MATRIX_USER_ID: '',
  MATRIX_ALLOWED_INVITERS: '',
  MATRIX_ADMIN_USER_IDS: '',
} as const satisfies Record<string, string>;

export type ConfigKey = keyof typeof CONFIG_DEFAULTS;

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** Returns the Config for an environment object; throws an Error naming the variable and the fix. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const get = (key: ConfigKey): string => (env[key] ?? '').trim() || CONFIG_DEFAULTS[key];
  const opt = (key: ConfigKey): string | null => get(key) || null;
  const list = (key: ConfigKey): string[] =>
    get(key).split(/[\s,]+/).filter((s) => s.length > 0);

  const logLevel = get('LOG_LEVEL').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel as LogLevel)) {
    throw new Error(`config: LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }
  const timeZone = get('TREATYWATCH_DIGEST_TZ');
  if (!isTimeZone(timeZone)) {
    throw new Error(`config: TREATYWATCH_DIGEST_TZ must be an IANA time zone such as Europe/Berlin (got "${timeZone}")`);
  }
  for (const key of ['TREATYWATCH_HTTP_HOST', 'SLACK_HOST'] as const) checkHost(key, get(key));
  for (const key of ['TREATYWATCH_CONTACT_URL', 'SLACK_API_URL', 'MATRIX_HOMESERVER_URL'] as const) checkHttpUrl(key, get(key));
  checkDigestCron(get('TREATYWATCH_DIGEST_CRON'), timeZone);
  checkCredentials(get);
  return {
    dbPath: get('TREATYWATCH_DB'),
    sourcesFile: opt('TREATYWATCH_SOURCES'),
    calendarFile: opt('TREATYWATCH_CALENDAR'),
    httpPort: parsePort(env, 'TREATYWATCH_HTTP_PORT'),
    httpHost: get('TREATYWATCH_HTTP_HOST'),
    publicUrl: parsePublicUrl(get('TREATYWATCH_PUBLIC_URL')),
    chartDir: get('TREATYWATCH_CHART_DIR') || join(dirname(get('TREATYWATCH_DB')), 'charts'),
    logLevel: logLevel as LogLevel,
    contactUrl: get('TREATYWATCH_CONTACT_URL'),
    digestCron: get('TREATYWATCH_DIGEST_CRON'),
    digestTimeZone: timeZone,
    treatyText: parseTreatyTextSetting(get('TREATYWATCH_TREATY_TEXT')),
    fullText: parseFullText(get('TREATYWATCH_FULL_TEXT'), get('TREATYWATCH_FULL_TEXT_HOST_INTERVAL_MS')),
    slack: {
      botToken: opt('SLACK_BOT_TOKEN'),
      appToken: opt('SLACK_APP_TOKEN'),
      signingSecret: opt('SLACK_SIGNING_SECRET'),
      port: parsePort(env, 'SLACK_PORT'),
      host: get('SLACK_HOST'),
      adminUserIds: list('SLACK_ADMIN_USER_IDS'),
      apiUrl: opt('SLACK_API_URL'),
    },
    matrix: {
      homeserverUrl: opt('MATRIX_HOMESERVER_URL'),
      accessToken: opt('MATRIX_ACCESS_TOKEN'),
      userId: opt('MATRIX_USER_ID'),
      allowedInviters: list('MATRIX_ALLOWED_INVITERS'),
      adminUserIds: list('MATRIX_ADMIN_USER_IDS'),
    },
  };
}

/** Returns the values of the secrets in a Config, so the logger can keep them out of every line. */
export function configSecrets(config: Config): string[] {
  return [config.slack.botToken, config.slack.appToken, config.slack.signingSecret, config.matrix.accessToken]
    .filter((s): s is string => typeof s === 'string' && s.length >= 6);
}

/** Returns the variables of a `.env` file (KEY=value lines; # comments; optional quotes). */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    let value = m[2] ?? '';
    const quoted = /^(['"])(.*)\1$/.exec(value);
    value = quoted ? (quoted[2] ?? '') : value.replace(/\s+#.*$/, '');
    out[m[1] as string] = value;
  }
  return out;
}

/** Returns process.env overlaid on the `.env` file in the working directory, if there is one. */
export function readEnvironment(path = '.env'): Record<string, string | undefined> {
  const fromFile = existsSync(path) ? parseDotEnv(readFileSync(path, 'utf8')) : {};
  return { ...fromFile, ...process.env };
}

function parseFullText(switchValue: string, intervalValue: string): Config['fullText'] {
  const value = switchValue.toLowerCase();
  if (value !== 'on' && value !== 'off') throw new Error(`config: TREATYWATCH_FULL_TEXT must be on or off (got "${switchValue}")`);
  const hostIntervalMs = Number(intervalValue);
  if (!Number.isInteger(hostIntervalMs) || hostIntervalMs < 0) {
    throw new Error(`config: TREATYWATCH_FULL_TEXT_HOST_INTERVAL_MS must be a whole number of milliseconds such as 2000 (got "${intervalValue}")`);
  }
  return { enabled: value === 'on', hostIntervalMs };
}

function parsePort(env: Record<string, string | undefined>, key: ConfigKey): number | null {
  const raw = (env[key] ?? '').trim();
  if (raw === '') return null;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`config: ${key} must be a port number from 0 to 65535 (got "${raw}")`);
  }
  return port;
}

// Links in chat are built from this, so only a plain http(s) base without query or credentials passes.
function parsePublicUrl(raw: string): string | null {
  if (raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`config: TREATYWATCH_PUBLIC_URL must be an http(s) URL such as https://treaty.example.org/ (got "${raw}")`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || url.hash) {
    throw new Error(`config: TREATYWATCH_PUBLIC_URL must be an http(s) URL without credentials, query or fragment (got "${raw}")`);
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

function checkHost(key: ConfigKey, host: string): void {
  if (isIP(host) !== 0 || HOST_NAME.test(host)) return;
  throw new Error(`config: ${key} must be an IP address or a host name such as 127.0.0.1, ::1 or 0.0.0.0 (got "${host}")`);
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

function checkHttpUrl(key: ConfigKey, value: string): void {
  if (value === '') return;
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (url && (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '') return;
  throw new Error(`config: ${key} must be an http(s) URL such as https://example.org/ (got "${value}")`);
}

// node-cron is the maintained validator; our own parser is the one that computes digest times, so
// the expression must satisfy both and have a next time at all ("0 8 31 2 *" never comes).
function checkDigestCron(expr: string, timeZone: string): void {
  try {
    if (!cron.validate(expr)) throw new Error('not a cron expression');
    nextCronTime(expr, timeZone, Date.now());
  } catch {
    throw new Error(`config: TREATYWATCH_DIGEST_CRON must be a five-field cron expression (minute hour day month weekday) such as "0 8 * * *" (got "${expr}")`);
  }
}

// Half a set of credentials would silently fall back to the console, which under a supervisor
// (stdin closed) stops at once; a bot that was meant to be in a chat must say what is missing.
function checkCredentials(get: (key: ConfigKey) => string): void {
  const has = (key: ConfigKey): boolean => get(key) !== '';
  const fail = (problem: string, fix: string): never => {
    throw new Error(`config: ${problem}; ${fix}`);
  };
  const slackSet = (['SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_PORT'] as const).filter(has);
  if (!has('SLACK_BOT_TOKEN') && slackSet.length > 0) {
    fail(`${slackSet.join(' and ')} ${slackSet.length > 1 ? 'are' : 'is'} set without SLACK_BOT_TOKEN`, 'set SLACK_BOT_TOKEN (xoxb-...) too, or unset them to run without Slack');
  }
  if (has('SLACK_SIGNING_SECRET') !== has('SLACK_PORT') && !has('SLACK_APP_TOKEN')) {
    const [set, missing] = has('SLACK_PORT') ? ['SLACK_PORT', 'SLACK_SIGNING_SECRET'] : ['SLACK_SIGNING_SECRET', 'SLACK_PORT'];
    fail(`${set} is set without ${missing}`, `HTTP mode needs both; set ${missing}, or set SLACK_APP_TOKEN for Socket Mode instead`);
  }
  if (has('SLACK_BOT_TOKEN') && !has('SLACK_APP_TOKEN') && !(has('SLACK_SIGNING_SECRET') && has('SLACK_PORT'))) {
    fail('SLACK_BOT_TOKEN is set without SLACK_APP_TOKEN or SLACK_SIGNING_SECRET and SLACK_PORT', 'set SLACK_APP_TOKEN (xapp-..., Socket Mode) or both SLACK_SIGNING_SECRET and SLACK_PORT (HTTP mode), or unset SLACK_BOT_TOKEN');
  }
  const matrixSet = (['MATRIX_HOMESERVER_URL', 'MATRIX_ACCESS_TOKEN', 'MATRIX_USER_ID'] as const).filter(has);
  const matrixMissing = (['MATRIX_HOMESERVER_URL', 'MATRIX_ACCESS_TOKEN'] as const).filter((k) => !has(k));
  if (matrixSet.length > 0 && matrixMissing.length > 0) {
    fail(`${matrixSet.join(' and ')} ${matrixSet.length > 1 ? 'are' : 'is'} set without ${matrixMissing.join(' and ')}`, `set ${matrixMissing.join(' and ')} too, or unset the Matrix variables to run without Matrix`);
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
