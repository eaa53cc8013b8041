import { parseSourceBody } from '../src/parse/parse-source.js';
import { generateLargeFeed, seededRandom } from './generate.js';
import { round, type Figure } from './run.js';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** The longest event-loop stall while the largest allowed feed (5 MiB) parses, next to an idle loop's. */
export async function measureStall(seed: number): Promise<Figure[]> {
  const body = generateLargeFeed(seededRandom(seed), MAX_BODY_BYTES);
  const idle = await maxDelayDuring(() => new Promise((resolve) => setTimeout(resolve, 300)));
  let items = 0;
  const busy = await maxDelayDuring(async () => {
    items = (await parseSourceBody({ id: 'large', kind: 'feed', selectors: null }, body, { url: 'http://127.0.0.1/large' })).items.length;
  });
  return [{
    name: `longest event-loop stall, ${round(body.length / 1048576)} MiB feed (${items} items)`, value: round(busy), unit: 'ms',
    baseline: { name: 'idle loop', value: round(idle) }, budget: null, met: null,
  }];
}

// The longest gap between ticks of a 2 ms timer while `work` runs: how long the loop could not answer anything.
async function maxDelayDuring(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let max = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    max = Math.max(max, now - last);
    last = now;
  }, 2);
  await new Promise((resolve) => setTimeout(resolve, 20));
  await work();
  await new Promise((resolve) => setTimeout(resolve, 20));
  clearInterval(timer);
  return max;
}
