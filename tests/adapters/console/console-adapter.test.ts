import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../../adapters/console/index.js';
import type { CommandContext } from '../../../src/chat/chat-adapter.js';
import { textMessage } from '../../../src/chat/message.js';

function setup() {
  const input = new PassThrough();
  let out = '';
  let closed = 0;
  const contexts: CommandContext[] = [];
  const adapter = createConsoleAdapter({ input, write: (t) => void (out += t), onClose: () => void closed++ });
  const start = () => adapter.start(async (text, ctx) => {
    contexts.push(ctx);
    await new Promise((r) => setTimeout(r, text.startsWith('slow') ? 20 : 0));
    return textMessage('reply', `answer to ${text}`);
  });
  return { input, adapter, start, contexts, out: () => out, closed: () => closed };
}

const settle = () => new Promise((r) => setTimeout(r, 60));

describe('console adapter', () => {
  it('greets, tells the person to type help, and answers each line in order as the admin', async () => {
    const s = setup();
    await s.start();
    s.input.write('slow one\n\nsecond\n');
    await settle();
    expect(s.out()).toMatch(/Type "help"/);
    expect(s.out().indexOf('answer to slow one')).toBeLessThan(s.out().indexOf('answer to second'));
    expect(s.contexts).toEqual([
      { adapter: 'console', channel: 'console', userId: 'console', isAdmin: true },
      { adapter: 'console', channel: 'console', userId: 'console', isAdmin: true },
    ]);
    await s.adapter.stop();
  });

  it('prints posts as labelled text, once per idempotency key', async () => {
    const s = setup();
    await s.start();
    const alert = { kind: 'alert' as const, summary: 'New ratification: France', blocks: [{ type: 'paragraph' as const, spans: [{ text: 'France', url: 'https://treaties.un.org/x' }] }] };
    const first = await s.adapter.post('console', alert, { idempotencyKey: 'k1' });
    const again = await s.adapter.post('console', alert, { idempotencyKey: 'k1', resend: true });
    expect(again).toEqual(first);
    expect(s.out().match(/\[ALERT\] New ratification: France\nFrance <https:\/\/treaties\.un\.org\/x>/g)).toHaveLength(1);
    await s.adapter.stop();
  });

  it('reports the end of input (Ctrl-D) once and stops being connected', async () => {
    const s = setup();
    await s.start();
    expect(s.adapter.isConnected()).toBe(true);
    s.input.end('last\n');
    await settle();
    expect(s.out()).toContain('answer to last');
    expect(s.closed()).toBe(1);
    expect(s.adapter.isConnected()).toBe(false);
  });
});
