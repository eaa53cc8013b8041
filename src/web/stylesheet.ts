/** The tracker's icon, served at /favicon.svg (browsers ask for one; a 404 would fill their console). */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b5cad"/><text x="16" y="22" font-family="sans-serif" font-size="15" font-weight="bold" text-anchor="middle" fill="#fff">tw</text></svg>`;

/** The tracker's one stylesheet, served at /style.css (no build step, no web fonts). */
export const STYLESHEET = `
:root { --ink: #1d2330; --muted: #5b6473; --line: #d8dde6; --accent: #0b5cad; --bg: #fbfcfe; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); }
header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .75rem 1.5rem; background: #fff; border-bottom: 1px solid var(--line); }
.brand { font-weight: 700; font-size: 1.15rem; color: var(--ink); text-decoration: none; }
nav a { margin-right: .9rem; }
.search { margin-left: auto; display: flex; gap: .4rem; }
.search input { width: 18rem; padding: .35rem .5rem; border: 1px solid var(--line); border-radius: 4px; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
footer { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); }
a { color: var(--accent); }
h1 { font-size: 1.6rem; margin: .8rem 0 .4rem; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
.muted, .context { color: var(--muted); font-size: .9rem; }
.numbers { display: flex; flex-wrap: wrap; gap: 1rem; margin: .5rem 0; }
.number { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .6rem 1rem; min-width: 10rem; }
.number b { display: block; font-size: 1.8rem; line-height: 1.2; }
progress { width: 100%; max-width: 30rem; height: .8rem; }
table { border-collapse: collapse; background: #fff; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
.states { max-width: 60rem; }
.states td, .states th { font-size: .9rem; }
.heat { table-layout: fixed; }
.heat td { text-align: center; padding: 0; width: 3rem; height: 1.6rem; }
.heat th { white-space: nowrap; font-size: .85rem; }
.heat td a { display: block; line-height: 1.6rem; color: inherit; text-decoration: none; }
.heat th.article { width: 24rem; max-width: 24rem; overflow: hidden; text-overflow: ellipsis; font-weight: normal; }
.heat .h0 { background: #fff; } .heat .h1 { background: #dbe9f8; } .heat .h2 { background: #a9cbef; }
.heat .h3 { background: #6aa4e0; color: #fff; } .heat .h4 { background: #2f73c0; color: #fff; } .heat .h5 { background: #0b4a8f; color: #fff; }
blockquote { margin: .3rem 0 .6rem; padding: .3rem .8rem; border-left: 3px solid var(--line); color: #333; background: #fff; }
ul.items { padding-left: 1.2rem; } ul.items li { margin: .35rem 0; }
.tag { display: inline-block; font-size: .8rem; padding: 0 .35rem; margin-right: .2rem; border: 1px solid var(--line); border-radius: 3px; background: #fff; }
.state-ok { color: #1d7a35; } .state-failing, .state-stale { color: #b42318; } .state-new, .state-disabled { color: var(--muted); }
.official p { margin: .3rem 0; }
`;
