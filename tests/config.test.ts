import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_DEFAULTS, parseConfig, parseDotEnv } from '../src/config.js';

describe('parseConfig', () => {
  it('uses the defaults for an empty environment', () => {
    const config = parseConfig({});
    expect(config.dbPath).toBe('./data/treatywatch.db');
    expect(config.logLevel).toBe('info');
    expect(config.slack.botToken).toBeNull();
    expect(config.matrix.allowedInviters).toEqual([]);
  });

  it('reads lists, ports and overrides', () => {
    const config = parseConfig({
      TREATYWATCH_DB: '/var/lib/tw.db',
      SLACK_ADMIN_USER_IDS: 'U1, U2,U3',
      SLACK_PORT: '3000',
      SLACK_BOT_TOKEN: 'xoxb-fake-bot',
      SLACK_SIGNING_SECRET: 'fake-signing-secret',
      MATRIX_ALLOWED_INVITERS: '@alice:example.org :example.org',
    });
    expect(config.dbPath).toBe('/var/lib/tw.db');
    expect(config.slack.adminUserIds).toEqual(['U1', 'U2', 'U3']);
    expect(config.slack.port).toBe(3000);
    expect(config.matrix.allowedInviters).toEqual(['@alice:example.org', ':example.org']);
  });

  it.each([
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ SLACK_PORT: 'eighty' }, /SLACK_PORT/],
    [{ TREATYWATCH_HTTP_PORT: '70000' }, /TREATYWATCH_HTTP_PORT/],
    [{ TREATYWATCH_DIGEST_TZ: 'Mars/Olympus' }, /TREATYWATCH_DIGEST_TZ/],
    [{ TREATYWATCH_PUBLIC_URL: 'tracker.example' }, /TREATYWATCH_PUBLIC_URL/],
    [{ TREATYWATCH_PUBLIC_URL: 'https://user:pw@tracker.example/' }, /TREATYWATCH_PUBLIC_URL must be an http\(s\) URL without credentials/],
    [{ TREATYWATCH_PUBLIC_URL: 'javascript:alert(1)' }, /TREATYWATCH_PUBLIC_URL/],
    [{ TREATYWATCH_HTTP_HOST: 'not a host!' }, /TREATYWATCH_HTTP_HOST must be an IP address or a host name/],
    [{ SLACK_HOST: 'http://0.0.0.0' }, /SLACK_HOST must be an IP address or a host name/],
    [{ SLACK_API_URL: 'notaurl' }, /SLACK_API_URL must be an http\(s\) URL .*got "notaurl"/],
    [{ MATRIX_HOMESERVER_URL: 'garbage', MATRIX_ACCESS_TOKEN: 'syt_fake' }, /MATRIX_HOMESERVER_URL must be an http\(s\) URL/],
    [{ TREATYWATCH_CONTACT_URL: 'ftp://example.org' }, /TREATYWATCH_CONTACT_URL must be an http\(s\) URL/],
    [{ TREATYWATCH_DIGEST_CRON: 'garbage' }, /TREATYWATCH_DIGEST_CRON must be a five-field cron expression .*got "garbage"/],
    [{ TREATYWATCH_DIGEST_CRON: '61 8 * * *' }, /TREATYWATCH_DIGEST_CRON/],
    [{ TREATYWATCH_DIGEST_CRON: '0 8 31 2 *' }, /TREATYWATCH_DIGEST_CRON/],
    [{ TREATYWATCH_DIGEST_CRON: '0 0 8 * * *' }, /TREATYWATCH_DIGEST_CRON/],
    [{ SLACK_BOT_TOKEN: 'xoxb-fake' }, /SLACK_BOT_TOKEN is set without SLACK_APP_TOKEN or SLACK_SIGNING_SECRET and SLACK_PORT; set SLACK_APP_TOKEN/],
    [{ SLACK_APP_TOKEN: 'xapp-fake' }, /SLACK_APP_TOKEN is set without SLACK_BOT_TOKEN; set SLACK_BOT_TOKEN/],
    [{ SLACK_BOT_TOKEN: 'xoxb-fake', SLACK_SIGNING_SECRET: 'secret' }, /SLACK_SIGNING_SECRET is set without SLACK_PORT/],
    [{ SLACK_BOT_TOKEN: 'xoxb-fake', SLACK_PORT: '3000' }, /SLACK_PORT is set without SLACK_SIGNING_SECRET/],
    [{ MATRIX_ACCESS_TOKEN: 'syt_fake' }, /MATRIX_ACCESS_TOKEN is set without MATRIX_HOMESERVER_URL; set MATRIX_HOMESERVER_URL too/],
    [{ MATRIX_HOMESERVER_URL: 'https://matrix.example.org' }, /MATRIX_HOMESERVER_URL is set without MATRIX_ACCESS_TOKEN/],
  ])('names the variable in the error for %j', (env, pattern) => {
    expect(() => parseConfig(env)).toThrow(pattern);
  });
});

describe('tracker settings', () => {
  it('reads the public URL with a trailing slash and puts charts beside the database by default', () => {
    const config = parseConfig({ TREATYWATCH_PUBLIC_URL: 'https://tracker.example/tw', TREATYWATCH_DB: '/var/lib/tw/tw.db' });
    expect(config.publicUrl).toBe('https://tracker.example/tw/');
    expect(config.chartDir).toBe('/var/lib/tw/charts');
    expect(parseConfig({}).publicUrl).toBeNull();
    expect(parseConfig({ TREATYWATCH_CHART_DIR: '/srv/charts' }).chartDir).toBe('/srv/charts');
  });
});

describe('parseConfig accepting complete settings', () => {
  it.each([
    { SLACK_BOT_TOKEN: 'xoxb-fake', SLACK_APP_TOKEN: 'xapp-fake' },
    { SLACK_BOT_TOKEN: 'xoxb-fake', SLACK_SIGNING_SECRET: 'secret', SLACK_PORT: '3000', SLACK_HOST: '::1' },
    { MATRIX_HOMESERVER_URL: 'https://matrix.example.org', MATRIX_ACCESS_TOKEN: 'syt_fake', TREATYWATCH_HTTP_HOST: 'localhost' },
    { TREATYWATCH_DIGEST_CRON: '30 7 * * 1-5', TREATYWATCH_HTTP_HOST: '0.0.0.0' },
  ])('accepts %j', (env) => {
    expect(() => parseConfig(env)).not.toThrow();
  });
});

describe('.env.example', () => {
  it('documents every variable the code reads, each with a comment line', () => {
    const text = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const documented = Object.keys(parseDotEnv(text));
    expect(documented.sort()).toEqual(Object.keys(CONFIG_DEFAULTS).sort());
    const lines = text.split('\n');
    for (const key of documented) {
      const at = lines.findIndex((l) => l.startsWith(key + '='));
      expect(lines[at - 1], key).toMatch(/^# \S/);
    }
  });
});

describe('parseDotEnv', () => {
  it('reads quoted values, skips comments and strips trailing comments', () => {
    expect(parseDotEnv('# c\nA=1\nB="two words"\nexport C=3 # note\nbad line\n')).toEqual({ A: '1', B: 'two words', C: '3' });
  });
});
