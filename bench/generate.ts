/** Seeded generators for benchmark data: the same seed gives the same feeds and items. */

/** Returns a PRNG (mulberry32) yielding floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TREATY_SENTENCES = [
  'The UN Convention against Cybercrime was opened for signature in Hanoi.',
  'Article 28(4) would let authorities compel anyone with knowledge of a system to help them.',
  'Civil society groups warned that Article 24 leaves safeguards to domestic law.',
  'Delegates at the Ad Hoc Committee debated the scope of Articles 6-16 of the zero draft.',
  'Real-time collection of traffic data under Article 29 raises surveillance concerns.',
  'The supplementary protocol negotiations may add more offences under Article 62.',
  'Mutual legal assistance under Article 40, paragraphs 21 and 22, lacks dual criminality.',
  'Ratification by forty states triggers entry into force under Article 65.',
];
const OTHER_SENTENCES = [
  'The city council approved a new budget for public parks on Tuesday.',
  'Researchers published a study on coral reef recovery after heat waves.',
  'A court in Nairobi ruled on freedom of assembly during the protests.',
  'Internet shutdowns were recorded in several regions during elections.',
  'Article 19 of the ICCPR protects freedom of expression for everyone.',
  'The Budapest Convention article 15 sets conditions for procedural powers.',
  'Ransomware gangs targeted hospitals across three countries this month.',
  'A new report maps spyware sales to governments with poor rights records.',
];

/** Returns a paragraph of `sentences` sentences, treaty-related with probability `treatyShare`. */
export function generateText(random: () => number, sentences: number, treatyShare: number): { text: string; treaty: boolean } {
  const treaty = random() < treatyShare;
  const pool = treaty ? [...TREATY_SENTENCES, ...OTHER_SENTENCES.slice(0, 3)] : OTHER_SENTENCES;
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(pool[Math.floor(random() * pool.length)]!);
  return { text: out.join(' '), treaty };
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Returns an RSS 2.0 feed of `items` generated entries (about 1 KB each). */
export function generateFeed(random: () => number, feedIndex: number, items: number, treatyShare = 0.1): string {
  const entries: string[] = [];
  for (let i = 0; i < items; i++) {
    const { text } = generateText(random, 8, treatyShare);
    const day = 1 + Math.floor(random() * 28);
    entries.push(`<item><guid isPermaLink="false">bench-${feedIndex}-${i}</guid>` +
      `<title>${escapeXml(text.split('.')[0]!)} (${feedIndex}/${i})</title>` +
      `<link>https://news.example.org/${feedIndex}/${i}?utm_source=rss</link>` +
      `<pubDate>${new Date(Date.UTC(2025, 9, day, 8)).toUTCString()}</pubDate>` +
      `<description><![CDATA[<p>${escapeXml(text)}</p>]]></description></item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench feed ${feedIndex}</title>` +
    `<link>https://news.example.org/</link><description>generated</description>${entries.join('')}</channel></rss>`;
}

/** Returns a feed of about `bytes` bytes (the largest a fetch may return is 5 MiB). */
export function generateLargeFeed(random: () => number, bytes: number): string {
  const sample = generateFeed(random, 0, 10);
  const perItem = sample.length / 10;
  return generateFeed(random, 999, Math.floor((bytes - 300) / perItem));
}
