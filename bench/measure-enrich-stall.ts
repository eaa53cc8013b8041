import { extractMainText } from '../src/enrich/extract-main-text.js';
import { seededRandom } from './generate.js';
import { maxDelayDuring } from './measure-stall.js';
import type { Sampled } from './samples.js';

const RUNS = 3;
/** The size of the page extracted: the largest body the fetcher accepts. */
export const HUGE_PAGE_BYTES = 5 * 1024 * 1024;
const WORDS = ('convention cybercrime states article safeguards human rights data surveillance cooperation evidence ' +
  'powers interception encryption engineers negotiation delegations protocol ratification domestic law authorities').split(' ');

/**
 * A long report page of about `bytes`, with dense markup: a table of contents, sections of
 * paragraphs with inline links and emphasis, data tables, a comment thread, and a script block and
 * a style block every 50 sections (a tenth or so of the bytes), as a heavy CMS page has.
 */
export function renderHugePage(random: () => number, bytes: number): string {
  const word = () => WORDS[Math.floor(random() * WORDS.length)]!;
  const sentence = () => Array.from({ length: 16 }, (_, i) => (i % 7 === 3 ? `<a href="/${word()}">${word()}</a>` : i % 5 === 1 ? `<em>${word()}</em>` : word())).join(' ') + '.';
  const parts = [`<!DOCTYPE html><html><head><meta charset="utf-8"><title>Report on the UN Convention against Cybercrime</title></head><body><main><article><h1>Report</h1>`];
  let size = parts[0]!.length;
  for (let n = 0; size < bytes; n++) {
    const rows = Array.from({ length: 4 }, () => `<tr><td>${word()}</td><td>${Math.floor(random() * 1000)}</td><td><span class="c">${word()}</span></td></tr>`).join('');
    let section = `<section id="s${n}"><div class="wrap"><h2>Section ${n}: Article ${1 + (n % 68)}</h2>`
      + Array.from({ length: 4 }, () => `<div class="p"><p>${sentence()} ${sentence()} ${sentence()}</p></div>`).join('')
      + `<table class="data"><tbody>${rows}</tbody></table><aside class="note"><p>${sentence()}</p></aside></div></section>`;
    if (n % 50 === 0) section += `<script>window.cfg${n}=${JSON.stringify(Array.from({ length: 300 }, word))};</script><style>${Array.from({ length: 60 }, (_, i) => `.c${n}-${i}{margin:${i}px}`).join('')}</style>`;
    parts.push(section);
    size += section.length;
  }
  parts.push('</article></main></body></html>');
  return parts.join('');
}

/**
 * The longest event-loop stall while enrichment extracts the main text of a 5 MiB page (markup
 * clean-up, DOM parse, Readability, text), next to an idle loop's; and the extraction's wall time.
 */
export async function measureEnrichStall(seed: number): Promise<Sampled[]> {
  const page = renderHugePage(seededRandom(seed), HUGE_PAGE_BYTES);
  // The first extraction loads linkedom and Readability: a warm-up, not a sample.
  await extractMainText({ url: 'http://127.0.0.1/warm', contentType: 'text/html', body: page.slice(0, 64 * 1024), bytes: null });
  const stalls: number[] = [];
  const idle: number[] = [];
  const wallMs: number[] = [];
  let chars = 0;
  for (let run = 0; run < RUNS; run++) {
    idle.push(await maxDelayDuring(() => new Promise((resolve) => setTimeout(resolve, 300))));
    const t = performance.now();
    stalls.push(await maxDelayDuring(async () => {
      const extraction = await extractMainText({ url: 'http://127.0.0.1/report', contentType: 'text/html; charset=utf-8', body: page, bytes: null });
      if (!extraction.ok) throw new Error(`bench: the huge page gave no text: ${extraction.reason}`);
      chars = extraction.text.length;
    }));
    wallMs.push(performance.now() - t);
  }
  const mib = Math.round((page.length / 1024 / 1024) * 10) / 10;
  return [
    { key: null, name: `longest event-loop stall extracting a ${mib} MiB page (${chars} characters kept)`, unit: 'ms', samples: stalls, baseline: { name: 'idle loop', samples: idle } },
    { key: null, name: `extraction of the ${mib} MiB page, wall time`, unit: 'ms', samples: wallMs, baseline: null },
  ];
}
