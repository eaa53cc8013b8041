import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import { openDatabase } from '../../../src/store/db.js';
import { createCommandsSeen } from '../../../src/store/commands-seen-store.js';
import { createSlackAdapter, selectSlackMode } from '../../../adapters/slack/index.js';
import { startFakeSlackApi } from './fake-slack-api.js';

const base = { botToken: 'xoxb-fake1', appToken: null, signingSecret: null, port: null, adminUserIds: [], apiUrl: null };

describe('createSlackAdapter', () => {
  it('chooses HTTP mode only when both a signing secret and a port are set', () => {
    expect(selectSlackMode({ ...base, appToken: 'xapp-1' })).toBe('socket');
    expect(selectSlackMode({ ...base, signingSecret: 's' })).toBe('socket');
    expect(selectSlackMode({ ...base, signingSecret: 's', port: 3000 })).toBe('http');
  });

  it('names the missing variables', () => {
    const db = openDatabase(':memory:');
    expect(() => createSlackAdapter({ ...base, botToken: null }, { seen: createCommandsSeen(db, 'slack', Date.now), log: silentLogger })).toThrow(/SLACK_BOT_TOKEN/);
    expect(() => createSlackAdapter(base, { seen: createCommandsSeen(db, 'slack', Date.now), log: silentLogger })).toThrow(/SLACK_APP_TOKEN.*SLACK_SIGNING_SECRET and SLACK_PORT/);
    db.close();
  });

  it('fails to start with a clear error when Slack refuses the bot token, and can be started again', async () => {
    const api = await startFakeSlackApi();
    const db = openDatabase(':memory:');
    api.script('auth.test', { kind: 'platform-error', error: 'invalid_auth' });
    const adapter = createSlackAdapter({ ...base, signingSecret: 'secret', port: 0, apiUrl: api.url }, { seen: createCommandsSeen(db, 'slack', Date.now), log: silentLogger });
    const onCommand = async () => ({ kind: 'reply' as const, summary: '', blocks: [] });
    await expect(adapter.start(onCommand)).rejects.toThrow(/^slack: auth.test failed/);
    expect(adapter.isConnected()).toBe(false);
    await adapter.start(onCommand);
    expect(adapter.isConnected()).toBe(true);
    await adapter.stop();
    await api.close();
    db.close();
  });
});
