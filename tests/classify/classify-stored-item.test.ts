import { describe, expect, it } from 'vitest';
import { classifyStoredItem, itemToClassifyInput } from '../../src/classify/classify-stored-item.js';
import type { Item } from '../../src/domain.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

function storedItem(fields: Partial<Item>): Item {
  return {
    id: 1, sourceId: 'eff', dedupeKey: 'k', kind: 'post', guid: null, url: null, canonicalUrl: null,
    title: '', summary: '', text: '', author: null, publishedAtMs: null, fetchedAtMs: 0, contentHash: 'h',
    extra: null, deliverable: true, relevant: null, score: null, ...fields,
  };
}

describe('itemToClassifyInput', () => {
  it('drops a summary that the text repeats and gives the date in UTC', () => {
    // 23:30 in New York on 25 October is already 26 October in UTC.
    const item = storedItem({ title: 'T', summary: 'The opening words…', text: 'The opening words of a long text.', publishedAtMs: Date.parse('2025-10-25T23:30:00-04:00') });
    expect(itemToClassifyInput(item)).toMatchObject({ title: 'T', text: 'The opening words of a long text.', publisher: 'eff', published: '2025-10-26' });
  });

  it('keeps both summary and text when they differ', () => {
    expect(itemToClassifyInput(storedItem({ title: 'T', summary: 'A summary.', text: 'Another text.' }))).toMatchObject({ text: 'A summary.\n\nAnother text.', published: null });
  });
});

describe('classifyStoredItem', () => {
  it('keeps an off-topic item out unless its source makes it relevant by construction', () => {
    const item = storedItem({ title: 'Canada signed on 2 June 2026', kind: 'treaty-action' });
    expect(classifyStoredItem(item, { kind: 'feed', publisher: 'EFF' }, KNOWLEDGE).relevant).toBe(false);
    expect(classifyStoredItem(item, { kind: 'treaty-status', publisher: 'UN OLA' }, KNOWLEDGE)).toMatchObject({ relevant: true, score: 1 });
    expect(classifyStoredItem(item, undefined, KNOWLEDGE).relevant).toBe(false);
  });
});
