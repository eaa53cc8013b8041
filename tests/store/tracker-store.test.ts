import { describe, expect, it } from 'vitest';
import {
  COUNT_WEEK_MS,
  COUNT_WEEK_OFFSET_MS,
  countArticleMentionsByWeek,
  countConcernMentionsByWeek,
  groupArticleMentionsByWeek,
  listNewestItemIds,
  listQuotedItemsForArticle,
  type WeekWindow,
} from '../../src/store/tracker-store.js';
import { addItem, seedStore, tagItem } from '../helpers/store-seed.js';

// Monday-based weeks 2900 and 2901 (early 2025), the counted path; the same span shifted by a day goes the grouping path.
const FIRST_WEEK = 2_900;
const WEEKS: WeekWindow = { startMs: COUNT_WEEK_OFFSET_MS + FIRST_WEEK * COUNT_WEEK_MS, weeks: 2, weekMs: COUNT_WEEK_MS };
const inWeek = (week: number, hours = 1) => WEEKS.startMs + week * COUNT_WEEK_MS + hours * 3_600_000;

function seedTagged() {
  const db = seedStore();
  const ids = {
    a: addItem(db, 'eff', 'a', { publishedAtMs: inWeek(0) }),
    b: addItem(db, 'ahc', 'b', { publishedAtMs: inWeek(1) }),
    c: addItem(db, 'eff', 'c', { publishedAtMs: null, fetchedAtMs: inWeek(1, 2) }),
    off: addItem(db, 'eff', 'off', { publishedAtMs: inWeek(0) }),
    old: addItem(db, 'eff', 'old', { publishedAtMs: inWeek(-3) }),
  };
  tagItem(db, ids.a, { articles: ['28.4', '24'], concerns: ['surveillance'] });
  tagItem(db, ids.b, { articles: ['28'], concerns: ['surveillance', 'scope'] });
  tagItem(db, ids.c, { articles: ['28.1'], concerns: [] });
  tagItem(db, ids.off, { articles: ['28'], concerns: ['surveillance'], relevant: false });
  tagItem(db, ids.old, { articles: ['28'], concerns: ['scope'] });
  return { db, ids };
}

const sorted = <T extends { key: unknown; week: number }>(rows: T[]) =>
  [...rows].sort((x, y) => String(x.key).localeCompare(String(y.key)) || x.week - y.week);

describe('article and concern counts per week', () => {
  it('counts relevant items per article and week (an item once per article), dated by publication else first sight', () => {
    const { db } = seedTagged();
    const expected = [{ key: 24, week: 0, count: 1 }, { key: 28, week: 0, count: 1 }, { key: 28, week: 1, count: 2 }];
    expect(sorted(countArticleMentionsByWeek(db, WEEKS))).toEqual(expected);
    expect(sorted(groupArticleMentionsByWeek(db, WEEKS))).toEqual(expected);
  });

  it('groups the tagged items for a window that is not on Monday weeks, and agrees with the kept counts', () => {
    const { db } = seedTagged();
    const shifted = { ...WEEKS, startMs: WEEKS.startMs - 3_600_000 };
    expect(sorted(countArticleMentionsByWeek(db, shifted))).toEqual(sorted(groupArticleMentionsByWeek(db, shifted)));
    expect(countArticleMentionsByWeek(db, { ...WEEKS, startMs: WEEKS.startMs + 10 * COUNT_WEEK_MS })).toEqual([]);
  });

  it('counts concerns per week for relevant items only', () => {
    const { db } = seedTagged();
    expect(sorted(countConcernMentionsByWeek(db, WEEKS))).toEqual([
      { key: 'scope', week: 1, count: 1 },
      { key: 'surveillance', week: 0, count: 1 },
      { key: 'surveillance', week: 1, count: 1 },
    ]);
  });
});

describe('listQuotedItemsForArticle', () => {
  it('lists the newest relevant items citing the article or a provision under the ref, with the closest citation', () => {
    const { db, ids } = seedTagged();
    const rows = listQuotedItemsForArticle(db, { article: 28, ref: '28', limit: 10 });
    expect(rows.map((r) => [r.itemId, r.ref])).toEqual([[ids.c, '28.1'], [ids.b, '28'], [ids.a, '28.4'], [ids.old, '28']]);
    expect(listQuotedItemsForArticle(db, { article: 28, ref: '28.4', limit: 10 }).map((r) => r.itemId)).toEqual([ids.a]);
    const window = listQuotedItemsForArticle(db, { article: 28, ref: '28', fromMs: inWeek(0), toMs: inWeek(1), limit: 10 });
    expect(window.map((r) => r.itemId)).toEqual([ids.a]);
    expect(listQuotedItemsForArticle(db, { article: 28, ref: '28', limit: 1 })).toHaveLength(1);
    expect(listQuotedItemsForArticle(db, { article: 5, ref: '5', limit: 10 })).toEqual([]);
  });
});

describe('listNewestItemIds', () => {
  it.each([
    [{}, ['c', 'b', 'a', 'old']],
    [{ ref: '28' }, ['c', 'b', 'a', 'old']],
    [{ ref: '28.4' }, ['a']],
    [{ ref: '2' }, []],
    [{ concern: 'scope' }, ['b', 'old']],
    [{ concern: 'unknown' }, []],
  ])('filter %o gives the newest relevant items %o', (filter, keys) => {
    const { db, ids } = seedTagged();
    expect(listNewestItemIds(db, filter, 10)).toEqual(keys.map((k) => ids[k as keyof typeof ids]));
  });
});
