import { describe, expect, it } from 'vitest';
import type { KeyedItem } from '../../src/domain.js';
import { storeAndTagNewItems, tagAndRoute } from '../../src/poll/tag-and-route.js';
import type { Db } from '../../src/store/db.js';
import { insertNewItems } from '../../src/store/items-store.js';
import { addItem, seedStore } from '../helpers/store-seed.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const OCT = Date.parse('2025-10-27');

function keyed(key: string, title: string, text = ''): KeyedItem {
  return {
    item: { guid: key, url: `https://example.org/${key}`, title, summary: '', text, author: null, publishedAtMs: OCT, kind: 'post', extra: { n: key } },
    key, canonicalUrl: `https://example.org/${key}`, contentHash: `h-${key}`,
  };
}

const CHUNK = [
  keyed('a', 'Countries sign the UN Convention against Cybercrime in Hanoi', 'Article 24 leaves safeguards to domestic law; Article 28(4) lets authorities compel technicians.'),
  keyed('b', 'Solar boom in the desert'),
  keyed('known', 'UN cybercrime treaty: delegates debate Article 40'),
  keyed('a', 'A second entry under the same key is not stored'),
  // A lone surrogate is stored as U+FFFD: this item is tagged from what was stored.
  keyed('odd', 'UN cybercrime treaty \ud800 opens for signature', 'Article 62 on supplementary protocols.'),
];

// Every row the tag stage writes or maintains, to compare two stores.
function snapshot(db: Db): Record<string, unknown[]> {
  const q = (sql: string) => db.prepare(sql).all();
  return {
    items: q('SELECT * FROM items ORDER BY id'),
    articles: q('SELECT * FROM item_articles ORDER BY item_id, ref'),
    concerns: q('SELECT * FROM item_concerns ORDER BY item_id, concern'),
    counts: q('SELECT * FROM article_counts ORDER BY article'),
    concernCounts: q('SELECT * FROM article_concern_counts ORDER BY article, concern'),
    latest: q('SELECT * FROM article_latest ORDER BY article, item_id'),
    weeks: q('SELECT * FROM article_week_counts ORDER BY week, article'),
    search: q("SELECT rowid FROM items_fts WHERE items_fts MATCH 'cybercrime OR solar' ORDER BY rowid"),
    deliveries: q('SELECT * FROM deliveries ORDER BY id'),
  };
}

function storeWith(write: (db: Db) => void): Db {
  const db = seedStore();
  addItem(db, 'eff', 'known', { title: 'UN cybercrime treaty: delegates debate Article 40', publishedAtMs: OCT });
  db.prepare("INSERT INTO subscriptions (adapter, channel, created_at_ms) VALUES ('console', 'c1', 0)").run();
  db.transaction(() => write(db))();
  return db;
}

describe('storeAndTagNewItems', () => {
  it('leaves the store exactly as storing, then tagging and routing did', () => {
    const before = storeWith((db) => tagAndRoute(db, KNOWLEDGE, insertNewItems(db, 'eff', CHUNK, { deliverable: true, fetchedAtMs: 5 }), 7));
    const after = storeWith((db) => storeAndTagNewItems(db, KNOWLEDGE, 'eff', CHUNK, { deliverable: true, fetchedAtMs: 5 }, 7));
    const snap = snapshot(after);
    expect(snap).toEqual(snapshot(before));
    expect(snap['items']!.length).toBe(4);
    expect(snap['counts']!.length).toBeGreaterThan(0);
    expect(snap['deliveries']!.length).toBeGreaterThan(0);
  });

  it('returns the new items as stored, with their relevance, and skips keys already stored', () => {
    const db = seedStore();
    addItem(db, 'eff', 'known');
    const items = db.transaction(() => storeAndTagNewItems(db, KNOWLEDGE, 'eff', CHUNK, { deliverable: false, fetchedAtMs: 5 }, 7))();
    expect(items.map((i) => [i.dedupeKey, i.relevant, i.deliverable])).toEqual([['a', true, false], ['b', false, false], ['odd', true, false]]);
    expect(items[2]!.title).toContain('\ufffd');
    expect(db.prepare('SELECT classified_at_ms FROM items WHERE dedupe_key = ?').pluck().get('a')).toBe(7);
  });
});
