import { describe, expect, it } from 'vitest';
import { createCommandHandler } from '../../src/commands/create-command-handler.js';
import type { CommandContext } from '../../src/chat/chat-adapter.js';
import { renderPlainText } from '../../src/chat/render-text.js';
import { silentLogger } from '../../src/log.js';
import { openDatabase } from '../../src/store/db.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const CTX: CommandContext = { adapter: 'console', channel: 'console', userId: 'u', isAdmin: true };

describe('links from chat to the tracker', () => {
  const db = openDatabase(':memory:');
  const withUrl = createCommandHandler({ knowledge: KNOWLEDGE, db, log: silentLogger, now: () => 0, publicUrl: 'https://tracker.example/tw/' });
  const without = createCommandHandler({ knowledge: KNOWLEDGE, db, log: silentLogger, now: () => 0 });

  it.each([
    ['article 28(4)', 'https://tracker.example/tw/article/28(4)'],
    ['concern surveillance', 'https://tracker.example/tw/concern/surveillance'],
    ['concern', 'https://tracker.example/tw/concerns'],
    ['search traffic data', 'https://tracker.example/tw/search?q=traffic%20data'],
    ['status', 'https://tracker.example/tw/'],
    ['sources', 'https://tracker.example/tw/sources'],
  ])('"%s" links to %s', async (command, url) => {
    const reply = await withUrl(command, CTX);
    const last = reply.blocks.at(-1)!;
    expect(last.type === 'context' && last.spans.find((s) => s.url)?.url).toBe(url);
  });

  it('adds no link without a public URL, nor to errors', async () => {
    expect(renderPlainText(await without('article 28.4', CTX))).not.toContain('tracker');
    const error = await withUrl('article 999', CTX);
    expect(error.kind).toBe('error');
    expect(renderPlainText(error)).not.toContain('tracker.example');
  });
});
