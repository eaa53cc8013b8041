import { describe, expect, it } from 'vitest';
import { reclassifyStoredItems, tagItems } from '../../src/poll/tag-and-route.js';
import type { Db } from '../../src/store/db.js';
import { addItem as addStoredItem, seedStore } from '../helpers/store-seed.js';
import { getItems } from '../../src/store/items-store.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

function addItem(db: Db, key: string, fields: { title: string; summary?: string; text?: string; publishedAtMs?: number | null }): number {
  return addStoredItem(db, 'eff', key, fields);
}

describe('tagItems', () => {
  it('classifies and stores each item and returns its result by id', () => {
    const db = seedStore();
    const treaty = addItem(db, 'a', { title: 'US declines to join more than 70 countries in signing UN cybercrime treaty', publishedAtMs: Date.parse('2025-10-27') });
    const other = addItem(db, 'b', { title: 'Ventoy: Create bootable USB drive', publishedAtMs: Date.parse('2025-10-27') });
    const results = db.transaction(() => tagItems(db, KNOWLEDGE, getItems(db, [treaty, other]), 99))();
    expect(results.get(treaty)).toMatchObject({ relevant: true, concerns: ['ratification'] });
    expect(results.get(other)).toMatchObject({ relevant: false });
    expect(db.prepare('SELECT id, relevant FROM items ORDER BY id').all()).toEqual([{ id: treaty, relevant: 1 }, { id: other, relevant: 0 }]);
    expect(db.prepare('SELECT concern FROM item_concerns WHERE item_id = ?').pluck().all(treaty)).toEqual(['ratification']);
  });
});

describe('reclassifyStoredItems', () => {
  it('re-tags every item across batches and counts only the items whose tags changed', () => {
    const db = seedStore();
    const ids = [1, 2, 3, 4, 5].map((n) => addItem(db, `k${n}`, { title: n % 2 ? 'Countries sign the UN Convention against Cybercrime in Hanoi' : 'Solar boom', publishedAtMs: Date.parse('2025-10-25') }));
    expect(reclassifyStoredItems(db, KNOWLEDGE, 10, 2)).toEqual({ items: 5, changed: 5 });
    expect(reclassifyStoredItems(db, KNOWLEDGE, 20, 2)).toEqual({ items: 5, changed: 0 });
    db.prepare('DELETE FROM item_concerns WHERE item_id = ?').run(ids[0]);
    expect(reclassifyStoredItems(db, KNOWLEDGE, 30, 2)).toEqual({ items: 5, changed: 1 });
    expect(db.prepare('SELECT count(*) FROM items WHERE classified_at_ms = 30').pluck().get()).toBe(5);
  });
});
