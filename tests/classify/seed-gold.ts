/**
 * Gold labels for the five seed documents (read from ../shared/data/seeds), labelled by hand for
 * the classifier's tests. Seed 002 is a feed page: it is split into its five entries, treaty posts
 * and unrelated ones. Articles are in final numbering at the finest level each text cites; seed
 * 003 carries no article labels (its "Articles 1 to 16" shorthand has no single right reading).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA_DIR } from '../helpers/shared-data.js';
import type { GoldLabels } from '../../src/classify/evaluate-classifier.js';

const SEEDS = join(SHARED_DATA_DIR, 'seeds');

interface SeedLabel {
  id: string;
  publisher: string;
  published: string;
  gold: GoldLabels;
}

const ZERO_DRAFT_6_TO_16 = ['7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17'];

const WHOLE_SEEDS: (SeedLabel & { file: string })[] = [
  {
    file: '000_03a9e350e81c6a62.txt', id: 'seed-000', publisher: 'eff', published: '2023-08-21',
    gold: {
      relevant: true,
      // Zero-draft era: "Articles 6-16" are final 7-17 and "Article 17" is final 4.
      articles: ['2', '4', ...ZERO_DRAFT_6_TO_16, '23.1', '24', '29', '30', '35', '36.1', '40.1', '40.3.d', '40.3.h', '40.4', '40.6', '40.7', '40.8', '40.21', '41', '45', '46', '47.1.b', '47.1.c', '47.1.f'],
      concerns: ['safeguards', 'data-protection', 'scope', 'dual-criminality', 'cross-border-cooperation', 'surveillance', 'process', 'transnational-repression'],
      other_refs: ['Article 14', "Article 19's analysis", 'Article 19 pointed out'],
    },
  },
  {
    file: '001_70719705968e8ef0.txt', id: 'seed-001', publisher: 'eff-treaty-page', published: '2024-06-01',
    gold: {
      relevant: true,
      articles: ['24'],
      concerns: ['scope', 'protocol', 'safeguards', 'surveillance', 'compelled-assistance', 'cross-border-cooperation', 'good-faith-actors', 'expression', 'gender-lgbtq', 'transnational-repression'],
    },
  },
  {
    file: '003_ba0c528a6cf95a43.txt', id: 'seed-003', publisher: 'gitoc', published: '2023-08-15',
    gold: {
      relevant: true,
      concerns: ['scope', 'safeguards', 'data-protection', 'cross-border-cooperation', 'dual-criminality', 'technical-assistance', 'surveillance', 'stored-data-powers', 'process', 'transnational-repression'],
    },
  },
  {
    file: '004_3fb4e29a46582aba.txt', id: 'seed-004', publisher: 'eff', published: '2023-09-20',
    gold: {
      relevant: true,
      articles: ['28.4'],
      concerns: ['scope', 'surveillance', 'cross-border-cooperation', 'dual-criminality', 'expression', 'transnational-repression', 'process', 'safeguards', 'compelled-assistance'],
      other_refs: ['Article 19'],
    },
  },
];

// The five entries of the feed page in seed 002, in page order.
const FEED_PAGE_ENTRIES: SeedLabel[] = [
  {
    id: 'seed-002-1', publisher: 'eff', published: '2024-07-17',
    gold: {
      relevant: true,
      articles: ['4', '6', '18', '19', '24', '28.4', '29', '30', '36.1.b', '36.1.c', '36.2', '40.22'],
      concerns: ['scope', 'expression', 'protocol', 'good-faith-actors', 'safeguards', 'gender-lgbtq', 'surveillance', 'cross-border-cooperation', 'data-protection', 'compelled-assistance'],
      // The NGO ARTICLE 19 is also named here, but so is the treaty's own Article 19, so it is not listed.
      other_refs: ['Article 38 of the EU Law Enforcement Directive', 'paragraph 125'],
    },
  },
  { id: 'seed-002-2', publisher: 'eff', published: '2024-07-16', gold: { relevant: false, articles: [], concerns: [] } },
  { id: 'seed-002-3', publisher: 'eff', published: '2024-07-16', gold: { relevant: false, articles: [], concerns: [] } },
  {
    id: 'seed-002-4', publisher: 'eff', published: '2024-07-16',
    gold: {
      relevant: true,
      articles: ['2.b', '23.4', '24.1', '24.2', '25.2', '25.3', '27.a', '28.1', '28.2', '28.3', '28.4', '41', '42.1', '44.1', '47'],
      concerns: ['surveillance', 'safeguards', 'stored-data-powers', 'compelled-assistance', 'data-protection', 'cross-border-cooperation', 'transnational-repression', 'expression', 'process'],
    },
  },
  { id: 'seed-002-5', publisher: 'eff', published: '2024-07-16', gold: { relevant: false, articles: [], concerns: [] } },
];

/** Returns the entries of a feed page: each starts at its title, the line before an "N weeks M days ago" line. */
export function splitFeedPage(text: string): { title: string; text: string }[] {
  const lines = text.split('\n');
  const starts: { title: number; body: number }[] = [];
  lines.forEach((line, i) => {
    if (/^\s*\d+ (?:weeks?|days?|hours?)(?: \d+ (?:days?|hours?))? ago\s*$/.test(line)) {
      let t = i - 1;
      while (t >= 0 && lines[t]!.trim() === '') t--;
      starts.push({ title: t, body: i + 1 });
    }
  });
  return starts.map((start, k) => {
    const end = k + 1 < starts.length ? starts[k + 1]!.title : lines.length;
    return { title: lines[start.title]!.trim(), text: lines.slice(start.body, end).join('\n').trim() };
  });
}

/** Returns the seed documents as gold JSONL lines in the `eval --gold` format. */
export function buildSeedGoldLines(): string[] {
  const lines = WHOLE_SEEDS.map((s) => {
    const text = readFileSync(join(SEEDS, s.file), 'utf8');
    return JSON.stringify({ id: s.id, title: '', text, url: null, publisher: s.publisher, published: s.published, gold: s.gold });
  });
  const entries = splitFeedPage(readFileSync(join(SEEDS, '002_1e69c3a3e4f63854.txt'), 'utf8'));
  if (entries.length !== FEED_PAGE_ENTRIES.length) throw new Error(`seed 002: expected ${FEED_PAGE_ENTRIES.length} entries, found ${entries.length}`);
  entries.forEach((entry, i) => {
    const s = FEED_PAGE_ENTRIES[i]!;
    lines.push(JSON.stringify({ id: s.id, title: entry.title, text: entry.text, url: null, publisher: s.publisher, published: s.published, gold: s.gold }));
  });
  return lines;
}
