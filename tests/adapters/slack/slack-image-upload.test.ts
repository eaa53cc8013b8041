import { readFileSync, rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { createSlackClientOptions } from '../../../adapters/slack/slack-client-options.js';
import { createSlackPoster, type SlackPoster } from '../../../adapters/slack/slack-poster.js';
import type { Message } from '../../../src/chat/message.js';
import { silentLogger } from '../../../src/log.js';
import { makeWeeklyDigest, type WeeklyDigestFixture } from '../../web/weekly-digest-fixture.js';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
let api: FakeSlackApi;
let post: SlackPoster;
let fixture: WeeklyDigestFixture;
let digest: Message;

beforeEach(async () => {
  api = await startFakeSlackApi();
  const client = new webApi.WebClient('xoxb-fake1', createSlackClientOptions({ apiUrl: api.url, log: silentLogger }));
  post = createSlackPoster({ client, log: silentLogger, sleep: async () => {} });
  fixture = makeWeeklyDigest();
  digest = fixture.digest;
});
afterEach(async () => {
  await api.close();
  fixture.remove();
});

describe('slack weekly picture', () => {
  it('uploads the chart PNG of a seeded week into the digest thread with files.uploadV2', async () => {
    const receipt = await post('C1', digest, { idempotencyKey: 'weekly-1' });
    expect(api.calls.map((c) => c.method)).toEqual(['chat.postMessage', 'files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
    const [file] = [...api.files.values()];
    const png = readFileSync(digest.image!.path);
    expect(file!.bytes!.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(file!.bytes!.equals(png)).toBe(true);
    expect(file).toMatchObject({ filename: 'weekly-2026-11-25.png', length: png.length, channel: 'C1', threadTs: receipt.platformId, title: digest.image!.title });
    expect(file!.altText).toContain('2 of 40');
  });

  it('still delivers the digest when the upload is refused', async () => {
    api.script('upload', { kind: 'status', status: 500 });
    const receipt = await post('C1', digest, { idempotencyKey: 'weekly-2' });
    expect(receipt.platformId).toBe(api.history.get('C1')!.at(-1)!.ts);
    expect(api.history.get('C1')!.map((m) => m.text)).toEqual(['Weekly digest: 4 stories']);
    expect(api.calls.some((c) => c.method === 'files.completeUploadExternal')).toBe(false);
  });

  it('still delivers the digest when the chart file is gone', async () => {
    rmSync(digest.image!.path);
    await post('C1', digest, { idempotencyKey: 'weekly-3' });
    expect(api.history.get('C1')).toHaveLength(1);
    expect(api.files.size).toBe(0);
  });
});
