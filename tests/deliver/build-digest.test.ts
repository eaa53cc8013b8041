import { describe, expect, it } from 'vitest';
import { buildDigest, collapseStories, titleKey } from '../../src/deliver/build-digest.js';
import { renderPlainText } from '../../src/chat/render-text.js';
import type { ItemDigestFacts } from '../../src/store/deliveries-store.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

let next = 1;
function facts(o: Partial<ItemDigestFacts>): ItemDigestFacts {
  const id = next++;
  return {
    itemId: id, kind: 'post', title: `Story ${id}`, url: `https://example.org/${id}`, canonicalUrl: null,
    sourceId: 'eff', sourceName: 'EFF', dateMs: Date.UTC(2026, 2, 1) + id * 1000, articles: [], concerns: [], ...o,
  };
}
const opts = { concerns: KNOWLEDGE.concerns, title: 'Digest', groupBy: 'concern' as const, timeZone: 'UTC' };

describe('collapseStories', () => {
  it.each([
    ['the same canonical URL', { canonicalUrl: 'https://un.org/a' }, { canonicalUrl: 'https://un.org/a', title: 'Something else entirely here' }, 1],
    ['near-identical titles with outlet suffixes', { title: 'UN adopts cybercrime treaty despite rights concerns | EFF' }, { title: 'UN adopts cybercrime treaty, despite rights concerns - Human Rights Watch' }, 1],
    ['different stories', { title: 'States sign the convention in Hanoi' }, { title: 'Civil society letter on Article 28' }, 2],
    ['short titles that differ', { title: 'Update' }, { title: 'Statement' }, 2],
  ])('collapses %s into %i entries', (_name, a, b, count) => {
    const entries = collapseStories([facts({ ...a, sourceName: 'EFF' }), facts({ ...b, sourceName: 'HRW' })]);
    expect(entries).toHaveLength(count as number);
    if (count === 1) expect(entries[0]!.sources).toEqual(['EFF', 'HRW']);
  });

  it('keeps the union of tags when collapsing', () => {
    const [entry] = collapseStories([
      facts({ canonicalUrl: 'u', articles: ['28.4'], concerns: ['compelled-assistance'] }),
      facts({ canonicalUrl: 'u', articles: ['24'], concerns: ['safeguards'] }),
    ]);
    expect(entry!.articles).toEqual(['28.4', '24']);
    expect(entry!.concerns).toEqual(['compelled-assistance', 'safeguards']);
  });
});

describe('collapseStories at scale', () => {
  it('collapses 10k items into the stories they were made from, treaty actions each on their own', () => {
    const stories = 2_000;
    const items: ItemDigestFacts[] = [];
    for (let i = 0; i < 10_000; i++) {
      const story = 100 + ((i * 7919) % stories);
      // Every story is told five times: twice under its own URL, three times under other URLs with its title reworded.
      const copy = Math.floor(i / stories);
      const title = copy % 2 === 0 ? `Story number ${story} on cybercrime | Outlet ${copy}` : `cybercrime: story NUMBER ${story}, on - Outlet ${copy}`;
      items.push(facts({ title, url: `https://news.example/${story}/${copy}`, canonicalUrl: copy < 2 ? `https://news.example/${story}` : null, sourceName: `Outlet ${copy}` }));
    }
    for (let i = 0; i < 300; i++) {
      items.push(facts({ title: 'Treaty record update', url: 'https://treaties.un.org/x', treatyAction: { participant: `State ${i}`, action: 'signature', date: '2026-03-01' } }));
    }
    const entries = collapseStories(items);
    expect(entries.filter((e) => e.treatyAction)).toHaveLength(300);
    const others = entries.filter((e) => !e.treatyAction);
    expect(others).toHaveLength(stories);
    expect(others.every((e) => e.itemIds.length === 5 && e.sources.length === 5)).toBe(true);
  });

  it('joins a story to the one started first when its URL and its title point at different ones', () => {
    const a = facts({ title: 'First story about the convention', canonicalUrl: 'https://x/a' });
    const b = facts({ title: 'Second story about ratification', canonicalUrl: 'https://x/b' });
    const c = facts({ title: 'Second story about ratification', canonicalUrl: 'https://x/a' });
    const entries = collapseStories([a, b, c]);
    expect(entries.map((e) => e.itemIds).sort()).toEqual([[a.itemId, c.itemId], [b.itemId]].sort());
  });

  it('ignores accents, case and word order in titles, but not different words', () => {
    expect(titleKey('Sécurité numérique: la Convention')).toBe(titleKey('la convention, securite NUMERIQUE'));
    expect(titleKey('States sign in Hanoi')).not.toBe(titleKey('States sign in Vienna'));
    expect(titleKey('— !')).toBeNull();
  });
});

describe('buildDigest', () => {
  it('returns null when there is nothing to say', () => {
    expect(buildDigest([], opts)).toBeNull();
  });

  it('says nothing new only when asked to', () => {
    const m = buildDigest([], { ...opts, nothingNewText: 'Nothing new since yesterday.' });
    expect(renderPlainText(m!)).toContain('Nothing new since yesterday.');
  });

  it('groups by first concern in taxonomy order with an Other group last', () => {
    const m = buildDigest([
      facts({ title: 'Ratification news', concerns: ['ratification'] }),
      facts({ title: 'Scope piece', concerns: ['safeguards', 'scope'] }),
      facts({ title: 'Untagged piece' }),
    ], opts)!;
    const headings = m.blocks.filter((b) => b.type === 'heading').map((b) => (b as { text: string }).text);
    expect(headings).toEqual(['Digest', 'Overly broad scope', 'Signature and ratification', 'Other']);
  });

  it('groups by article when the subscription asks for it', () => {
    const m = buildDigest([facts({ articles: ['40.3.h'] }), facts({ articles: ['28.4', '24'] }), facts({})], { ...opts, groupBy: 'article' })!;
    const headings = m.blocks.filter((b) => b.type === 'heading').map((b) => (b as { text: string }).text);
    expect(headings).toEqual(['Digest', 'Article 24', 'Article 40', 'No article cited']);
  });

  it('caps the length with "and N more"', () => {
    const many = Array.from({ length: 30 }, (_, i) => facts({ title: `Headline ${i + 10} on item ${i * 7 + 100}` }));
    const text = renderPlainText(buildDigest(many, { ...opts, maxEntries: 10 })!);
    expect(text.match(/•/g)).toHaveLength(10);
    expect(text).toContain('and 20 more');
  });

  it('shows title, link, sources, date and article tags for each entry', () => {
    const text = renderPlainText(buildDigest([
      facts({ title: 'Article 28(4) explained', url: 'https://eff.org/x', canonicalUrl: 'https://eff.org/x', articles: ['28.4'], dateMs: Date.UTC(2026, 2, 1, 23, 30) }),
      facts({ title: 'A later copy', canonicalUrl: 'https://eff.org/x', sourceName: 'Access Now', dateMs: Date.UTC(2026, 2, 3) }),
    ], { ...opts, timeZone: 'Europe/Zurich' })!);
    expect(text).toContain('Article 28(4) explained <https://eff.org/x> — EFF, Access Now · 2026-03-02 · Art. 28.4');
  });

  it('puts notes under the heading even without items', () => {
    const m = buildDigest([], { ...opts, notes: ['1 earlier message could not be delivered here.'] });
    expect(renderPlainText(m!)).toContain('could not be delivered');
  });
});
