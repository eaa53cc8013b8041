import { html, type Html } from './html.js';

/** A feed a page announces with `<link rel="alternate">` (autodiscovery). */
export interface FeedLink {
  title: string;
  /** Path without extension, e.g. `/feeds/article/28.4`; both `.atom` and `.json` are announced. */
  path: string;
}

/** The feed of every relevant item, announced on every page. */
export const ALL_ITEMS_FEED: FeedLink = { title: 'treatywatch: all relevant items', path: '/feeds/all' };

/** Returns a whole HTML document: head with stylesheet and feed links, navigation, search box, then `body`. */
export function renderPage(opts: { title: string; body: Html; feeds?: readonly FeedLink[]; query?: string }): string {
  const feeds = [...(opts.feeds ?? []), ALL_ITEMS_FEED];
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · treatywatch</title>
<link rel="stylesheet" href="/style.css">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
${feeds.map((f) => html`<link rel="alternate" type="application/atom+xml" title="${f.title} (Atom)" href="${f.path}.atom">
<link rel="alternate" type="application/feed+json" title="${f.title} (JSON Feed)" href="${f.path}.json">
`)}</head>
<body>
<header>
<a class="brand" href="/">treatywatch</a>
<nav><a href="/">Status</a> <a href="/articles">Articles</a> <a href="/concerns">Concerns</a> <a href="/sources">Sources</a></nav>
<form class="search" action="/search" method="get" role="search">
<input type="search" name="q" maxlength="200" placeholder="Search items and treaty text" aria-label="Search" value="${opts.query ?? ''}">
<button type="submit">Search</button>
</form>
</header>
<main>
${opts.body}
</main>
<footer>Following the UN Convention against Cybercrime. Feeds: ${feeds.map((f) => html`<a href="${f.path}.atom">${f.title}</a> (<a href="${f.path}.json">JSON</a>) `)}</footer>
</body>
</html>
`.value;
}
