import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../adapters/console/index.js';
import { renderSlackMessages } from '../../adapters/slack/render-slack-message.js';
import type { Message } from '../../src/chat/message.js';
import { runCli } from '../../src/cli.js';
import { startFakeHomeserver } from '../adapters/matrix/fake-homeserver.js';
import { startBot } from '../adapters/matrix/matrix-test-kit.js';

// A feed title that tries every trick at once: clear screen, retitle the window, C1 CSI, a bidi
// override, and the mass mentions of both chat platforms.
const HOSTILE = 'Treaty\x1b[2J\x1b]0;owned\x07 news\x9b2J \u202eevil\u202c @channel @here @everyone @room';
const alert: Message = {
  kind: 'alert', summary: HOSTILE,
  blocks: [
    { type: 'heading', text: HOSTILE },
    { type: 'paragraph', spans: [{ text: HOSTILE, url: 'https://example.org/a' }, { text: ` ${HOSTILE}` }] },
    { type: 'fields', fields: [{ label: 'Source', value: HOSTILE }] },
    { type: 'context', spans: [{ text: HOSTILE }] },
  ],
};
const TERMINAL_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('feed text on each surface', () => {
  it('console: prints no escape sequence, control or bidi override', async () => {
    let out = '';
    const adapter = createConsoleAdapter({ input: new PassThrough(), write: (t) => void (out += t) });
    await adapter.start(async () => alert);
    await adapter.post('console', alert, { idempotencyKey: 'k1' });
    await adapter.stop();
    expect(out).toContain('Treaty news evil');
    expect(out).not.toMatch(TERMINAL_CONTROL);
    expect(out).not.toMatch(BIDI);
  });

  it('CLI: output (here `sources --json`, which shows feed-supplied names) is neutralised too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-neutral-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'sources.json'), JSON.stringify([{ id: 'hostile', name: HOSTILE, publisher: 'x', kind: 'feed', url: 'https://example.org/feed.xml' }]));
    const out: string[] = [];
    const code = await runCli(['sources', '--json'], {
      stdout: (t) => void out.push(t), stderr: () => undefined, stdin: Readable.from([]),
      env: { TREATYWATCH_DB: join(dir, 'tw.db'), TREATYWATCH_SOURCES: join(dir, 'sources.json'), LOG_LEVEL: 'silent' },
    });
    expect(code).toBe(0);
    const text = out.join('');
    expect(JSON.parse(text)[0].name).toContain('Treaty');
    expect(text).not.toMatch(TERMINAL_CONTROL);
    expect(text).not.toMatch(BIDI);
  });

  it('Slack: mrkdwn is verbatim, bidi controls are gone and no mass mention is live', () => {
    const [payload] = renderSlackMessages(alert);
    const json = JSON.stringify(payload);
    expect(json).not.toMatch(BIDI);
    expect(JSON.stringify(payload).replace(/\\u2060|\u2060/g, '')).toContain('@channel');
    for (const text of [payload!.text, ...json.match(/"text":"(?:[^"\\]|\\.)*"/g)!]) {
      expect(text).not.toMatch(/@(channel|here|everyone)\b/);
      expect(text).not.toMatch(/<!(channel|here|everyone)/);
    }
    const objects = payload!.blocks.flatMap((b) => ('text' in b ? [b.text] : 'fields' in b ? b.fields : 'elements' in b ? b.elements : []));
    const mrkdwn = objects.filter((o) => o.type === 'mrkdwn');
    expect(mrkdwn.length).toBeGreaterThan(0);
    expect(mrkdwn.every((o) => o.verbatim === true)).toBe(true);
  });

  it('Matrix: every event says it mentions no one, and @room and bidi controls do not reach the room', async () => {
    const fake = await startFakeHomeserver();
    const room = '!r:fake.test';
    fake.createRoom(room, { creator: '@alice:fake.test', botJoined: true });
    const bot = await startBot(fake);
    try {
      await bot.adapter.post(room, alert, { idempotencyKey: 'k1' });
      const events = fake.eventsSentByBot(room);
      expect(events.length).toBeGreaterThan(0);
      for (const event of events) {
        const content = event.content as Record<string, unknown>;
        expect(content['m.mentions']).toEqual({});
        expect(String(content.body)).not.toMatch(/@room\b/);
        expect(String(content.formatted_body)).not.toMatch(/@room\b/);
        expect(JSON.stringify(content)).not.toMatch(BIDI);
      }
    } finally {
      await bot.adapter.stop();
      await fake.close();
    }
  });
});
