/**
 * Article pages shaped like real NGO and news sites: navigation, a cookie banner, the article,
 * a "related articles" sidebar and a comment thread that cite other articles of the convention,
 * and a footer. Only the article body's citations belong to the item.
 */
import PDFDocument from 'pdfkit';
import type { FixtureServer } from '../helpers/fixture-server.js';

/** A page's furniture around the body paragraphs. */
export interface PageShape {
  site: string;
  title: string;
  paragraphs: readonly string[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Returns a full HTML page: nav, cookie banner, article, related sidebar (citing Articles 24 and 45), comments (citing Article 47), footer. */
export function renderArticlePage(shape: PageShape, opts: { charsetMeta?: boolean } = {}): string {
  const body = shape.paragraphs.map((p) => `      <p>${esc(p)}</p>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  ${opts.charsetMeta === false ? '' : '<meta charset="utf-8">'}
  <title>${esc(shape.title)} | ${esc(shape.site)}</title>
  <meta property="og:title" content="${esc(shape.title)}">
  <link rel="stylesheet" href="/static/site.css">
  <script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>
</head>
<body class="page-node node-type-report">
  <div id="cookie-consent" class="cookie-banner" role="dialog">
    <p>We use cookies to understand how you use our site and to improve your experience. By continuing to browse you agree to our use of cookies. <a href="/privacy">Privacy policy</a></p>
    <button>Accept all</button><button>Reject non-essential</button>
  </div>
  <header class="site-header">
    <a class="logo" href="/">${esc(shape.site)}</a>
    <nav class="main-menu" aria-label="Main">
      <ul><li><a href="/topics/surveillance">Surveillance</a></li><li><a href="/topics/free-expression">Free expression</a></li>
      <li><a href="/campaigns/article-19">Article 19 campaigns</a></li><li><a href="/donate">Donate</a></li></ul>
    </nav>
  </header>
  <main id="main-content">
    <div class="breadcrumbs"><a href="/">Home</a> › <a href="/news">News</a> › Analysis</div>
    <article class="node node--report">
      <h1 class="page-title">${esc(shape.title)}</h1>
      <div class="byline">By the Digital Rights Team · <time datetime="2026-05-05">5 May 2026</time></div>
      <div class="field--name-body">
${body}
      </div>
      <div class="share-links"><a href="#">Share on Mastodon</a> <a href="#">Email</a></div>
    </article>
    <aside class="sidebar region-sidebar" role="complementary">
      <section class="block related-content">
        <h2>Related</h2>
        <ul>
          <li><a href="/news/safeguards">Explainer: Article 24 of the UN cybercrime convention and its weak safeguards</a><p>Article 24 of the Convention leaves conditions and safeguards to domestic law, which is the central flaw of the treaty.</p></li>
          <li><a href="/news/interception">Article 45 and cross-border interception of content data</a><p>Under Article 45 of the Convention, states may ask each other to intercept content in real time.</p></li>
        </ul>
      </section>
      <section class="block newsletter"><h2>Newsletter</h2><p>Get our weekly briefing on digital rights.</p></section>
    </aside>
    <section id="comments" class="comments-section">
      <h2>3 comments</h2>
      <div class="comment"><p class="comment-author">reader42</p><p>Article 47 of the convention is even worse: law enforcement cooperation without any human rights check.</p></div>
      <div class="comment"><p class="comment-author">policywonk</p><p>Do not forget Article 17 of the zero draft, which became Article 4 of the Convention.</p></div>
      <div class="comment"><p class="comment-author">anon</p><p>Thanks for this write-up.</p></div>
    </section>
  </main>
  <footer class="site-footer">
    <p>© 2026 ${esc(shape.site)}. Registered charity. Our work is guided by Article 19 of the Universal Declaration of Human Rights.</p>
    <ul><li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy</a></li></ul>
  </footer>
  <script src="/static/analytics.js"></script>
</body>
</html>`;
}

/** Fourteen paragraphs of an NGO analysis; the twelfth cites Article 28(4), nothing else cites an article. */
export const ANALYSIS_PARAGRAPHS: readonly string[] = [
  'The United Nations Convention against Cybercrime was adopted by the General Assembly in December 2024 and opened for signature in Hanoi in October 2025.',
  'Governments presented the treaty as a tool against ransomware and online fraud, but its reach goes well beyond those crimes.',
  'Our review of the final text looks at the powers it gives investigators and at what it asks of the people who build and run computer systems.',
  'Civil society groups took part in every negotiating session of the Ad Hoc Committee, often with limited access to the informal talks where the text was settled.',
  'Many delegations argued for stronger human rights language throughout the negotiations, and some of it made its way into the preamble.',
  'The procedural chapter sets out how authorities may preserve, search and seize electronic data held by service providers and others.',
  'These powers apply to the investigation of any serious crime, not only to the offences the treaty itself defines.',
  'That breadth matters because the safeguards that accompany the powers are largely left to each state to decide.',
  'Security researchers told us that the text gives them little comfort that their good-faith work will not be treated as a crime.',
  'Engineers and administrators are the people most directly affected by the provision we examine here.',
  'They hold the knowledge that makes systems work, and often the keys that protect the data of millions of users.',
  'Article 28(4) of the Convention allows authorities to order any person with knowledge about the functioning of a computer system to provide the information needed to search it, which could force engineers to hand over encryption keys or disclose unpatched vulnerabilities.',
  'Nothing in the text limits such orders to people who are themselves suspected of wrongdoing, or requires that they be told of their rights.',
  'We urge states that sign the treaty to adopt clear limits in their implementing laws before they ratify it.',
];

/** Paragraphs of a news report on surveillance powers, citing Articles 29 and 30. */
export const NEWS_PARAGRAPHS: readonly string[] = [
  'Negotiators in Vienna closed another round of talks on the UN cybercrime convention on Friday, with surveillance powers still at the centre of the debate.',
  'Article 29 of the Convention, on the real-time collection of traffic data, drew objections from several delegations and from industry groups.',
  'Rights groups said Article 30, which covers the interception of content data, lacks the judicial authorization that many national laws require.',
  'The Chair said the text would be finalized at the concluding session, where states are expected to adopt it by consensus.',
  'Observers noted that the secrecy provisions could leave users unaware that their communications had been collected for years.',
];

/** A page that draws everything with JavaScript: an empty mount point and a bundle. */
export function renderJsOnlyPage(title: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(title)}</title>
<script defer src="/static/js/main.4f9a1c.js"></script></head>
<body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>`;
}

/** Returns the bytes of a short report PDF whose text cites Article 36 and paragraph 22 of Article 40. */
export async function buildReportPdf(): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: 72 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.fontSize(14).text('Report on the implementation of the United Nations Convention against Cybercrime', { align: 'center' });
  doc.moveDown();
  doc.fontSize(10);
  const paragraphs = [
    'This report reviews the first national measures taken to implement the United Nations Convention against Cybercrime.',
    'Several States have yet to adopt rules on personal data received from other States. Article 36 of the Convention requires that personal data be transferred only in accordance with domestic law and applicable international law.',
    'On mutual legal assistance, States should note that paragraph 22 of Article 40 allows a request to be refused where it is made to prosecute a person on account of sex, race, religion, nationality, ethnic origin or political opinions.',
    'The secretariat will continue to provide technical assistance to States that request it.',
  ];
  for (const p of paragraphs) {
    doc.text(p, { align: 'justify' });
    doc.moveDown();
  }
  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

/** One feed entry: its link path on the fixture server and its teaser. */
export interface Entry {
  path: string;
  title: string;
  teaser: string;
}

/** Returns RSS 2.0 whose items link to pages of the fixture server. */
export function renderRss(server: FixtureServer, entries: readonly Entry[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const items = entries.map((e, i) => `<item><title>${esc(e.title)}</title><link>${server.url(e.path)}</link><guid>${e.path}</guid>
    <pubDate>${new Date(Date.UTC(2026, 4, 5, 9, i)).toUTCString()}</pubDate><description>${esc(e.teaser)}</description></item>`);
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Fixture NGO</title>${items.join('')}</channel></rss>`;
}

export const ENTRIES: readonly Entry[] = [
  { path: '/analysis/compelled-assistance', title: 'Engineers in the firing line of the UN cybercrime treaty', teaser: 'Our analysis of the UN Convention against Cybercrime finds it asks too much of the people who run computer systems.' },
  { path: '/old/surveillance-talks', title: 'Surveillance powers dominate UN cybercrime convention talks', teaser: 'Delegates debated the surveillance chapter of the UN Convention against Cybercrime.' },
  { path: '/docs/implementation-report.pdf', title: 'Implementation report: UN Convention against Cybercrime', teaser: 'The secretariat reports on how States implement the UN Convention against Cybercrime.' },
  { path: '/app/briefing', title: 'Briefing for delegates on the UN cybercrime treaty', teaser: 'A briefing on the UN Convention against Cybercrime for delegations ahead of the Conference of the States Parties.' },
];
