import { describe, expect, it } from 'vitest';
import { buildDigest, collapseStories } from '../../src/deliver/build-digest.js';
import { renderPlainText } from '../../src/chat/render-text.js';
import type { ItemDigestFacts } from '../../src/store/deliveries-store.js';

let next = 1;
function facts(o: Partial<ItemDigestFacts>): ItemDigestFacts {
  const id = next++;
  return {
    itemId: id, kind: 'post', title: `Story ${id}`, url: `https://example.org/${id}`, canonicalUrl: null,
    sourceId: 'eff', sourceName: 'EFF', dateMs: Date.UTC(2026, 2, 1) + id * 1000, articles: [], concerns: [], ...o,
  };
}
const opts = { title: 'Digest', groupBy: 'concern' as const, timeZone: 'UTC' };

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
