import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/store/db.js';
import { searchFullTexts } from '../../src/store/fulltext-store.js';
import { SEARCH_RANKED_MATCHES, searchItems } from '../../src/store/treaty-store.js';

// Items are inserted oldest first, so rowids (and dates) grow with age as in a real store.
let db: Db;
const EXTRA = 200;

beforeAll(() => {
  db = openDatabase(':memory:');
  db.prepare(`INSERT INTO sources (id, name, publisher, kind, url, interval_ms, created_at_ms) VALUES ('ngo', 'NGO', 'NGO', 'feed', 'https://ngo.example.org/feed', 3600000, 0)`).run();
  const insert = db.prepare(`INSERT INTO items (source_id, dedupe_key, title, summary, text, url, published_at_ms, fetched_at_ms, content_hash, relevant)
    VALUES ('ngo', @key, @title, @summary, '', NULL, @at, @at, @key, 1)`);
  const filler = 'Delegates met again and the session closed late with a long list of speakers on the agenda.';
  db.transaction(() => {
    // The oldest item matches "safeguards" and "oversight" best of all.
    insert.run({ key: 'old-best', title: 'Safeguards oversight safeguards', summary: 'Safeguards and oversight, safeguards again.', at: 0 });
    insert.run({ key: 'old-rare', title: 'Rapporteur', summary: `A rapporteur spoke once. ${filler}`, at: 1 });
    for (let i = 0; i < SEARCH_RANKED_MATCHES + EXTRA; i++) {
      const strong = i === SEARCH_RANKED_MATCHES + EXTRA - 10;
      insert.run({
        key: `k${i}`,
        title: strong ? 'Safeguards and oversight' : `Session ${i}`,
        summary: `${filler} Safeguards came up once.${i % 2 === 0 ? ' A rapporteur spoke.' : ' A delegate spoke.'}`,
        at: 10 + i,
      });
    }
    // Every item's page was read; the oldest page says "oversight" most.
    db.prepare(`INSERT INTO item_full_texts (item_id, status, next_attempt_at_ms, text, queued_at_ms)
      SELECT id, 'done', 0, CASE WHEN dedupe_key = 'old-best' THEN 'Oversight, oversight and more oversight.' ELSE @filler || ' Oversight once.' END, 0 FROM items`).run({ filler });
  })();
});

describe('searchItems ranking cap', () => {
  it('ranks only the newest matches of a very common word, best first among them', () => {
    const titles = searchItems(db, '"safeguards"', 5).map((m) => m.title);
    expect(titles).toHaveLength(5);
    expect(titles[0]).toBe('Safeguards and oversight');
    // The oldest item matches best but is not among the newest SEARCH_RANKED_MATCHES matches.
    expect(titles).not.toContain('Safeguards oversight safeguards');
    // Among equal matches the newest come first.
    expect(titles.slice(1)).toEqual([
      `Session ${SEARCH_RANKED_MATCHES + EXTRA - 1}`, `Session ${SEARCH_RANKED_MATCHES + EXTRA - 2}`,
      `Session ${SEARCH_RANKED_MATCHES + EXTRA - 3}`, `Session ${SEARCH_RANKED_MATCHES + EXTRA - 4}`,
    ]);
  });

  it('ranks every match of a query with fewer matches than the cap, however old', () => {
    const titles = searchItems(db, '"safeguards" "oversight"', 5).map((m) => m.title);
    expect(titles).toEqual(['Safeguards oversight safeguards', 'Safeguards and oversight']);
    // "rapporteur" matches fewer items than the cap: the oldest, titled with the word, ranks first.
    expect(searchItems(db, '"rapporteur"', 3).map((m) => m.title)[0]).toBe('Rapporteur');
  });

  it('ranks only the newest matching pages of a very common word', () => {
    const pages = searchFullTexts(db, '"oversight"', 5);
    expect(pages).toHaveLength(5);
    expect(pages.map((p) => p.title)).not.toContain('Safeguards oversight safeguards');
    expect(pages[0]!.snippet).toContain('Oversight');
    // With the word in fewer pages than the cap, the oldest page, which says it most, ranks first.
    expect(searchFullTexts(db, '"oversight" "more"', 5).map((p) => p.title)).toEqual(['Safeguards oversight safeguards']);
  });
});
