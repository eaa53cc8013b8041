import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { RATIFICATIONS_FOR_ENTRY_INTO_FORCE, readTreatyStatus } from '../store/treaty-status-store.js';
import type { ConcernRules } from '../knowledge/concern-rules.js';
import type { MessageImage } from '../chat/message.js';
import type { Db } from '../store/db.js';
import { countConcernMentionsByWeek } from '../store/tracker-store.js';
import { buildWeeklyChartSvg, CHART_HEIGHT, CHART_WIDTH, type WeeklyChartData } from './weekly-chart-svg.js';
import { lastWeeks, weekLabel } from './week-window.js';

/** Weeks of concern mentions the weekly picture shows, this one last. */
export const CHART_WEEKS = 8;

// The font ships as an npm package, so the picture has its labels on a machine without fonts and
// looks the same everywhere (system fonts are not loaded).
const require = createRequire(import.meta.url);
const FONT_FILE = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');

/** Returns the numbers the weekly chart shows at `nowMs`: mentions per concern over 8 weeks and every ratification date. */
export function readWeeklyChartData(db: Db, rules: ConcernRules, nowMs: number): WeeklyChartData {
  const window = lastWeeks(nowMs, CHART_WEEKS);
  const counts = new Map<string, number[]>();
  for (const c of countConcernMentionsByWeek(db, window)) {
    const row = counts.get(c.key) ?? new Array<number>(CHART_WEEKS).fill(0);
    row[c.week] = c.count;
    counts.set(c.key, row);
  }
  return {
    weeks: Array.from({ length: CHART_WEEKS }, (_, i) => weekLabel(window, i)),
    concerns: rules.concerns.map((c) => ({ name: c.name, counts: counts.get(c.id) ?? new Array<number>(CHART_WEEKS).fill(0) })),
    ratifications: readTreatyStatus(db).acts.filter((a) => a.kind === 'ratification').map((a) => a.date),
    target: RATIFICATIONS_FOR_ENTRY_INTO_FORCE,
    today: new Date(nowMs).toISOString().slice(0, 10),
  };
}

/** Returns the weekly chart as PNG bytes, rendered from SVG without a browser. */
export function renderWeeklyChartPng(data: WeeklyChartData): Buffer {
  // Loaded on first use: the native renderer is needed once a week, not at every start.
  const { Resvg } = require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  const resvg = new Resvg(buildWeeklyChartSvg(data), {
    font: { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    fitTo: { mode: 'width', value: CHART_WIDTH },
  });
  return resvg.render().asPng();
}

/** Renders the weekly chart at `nowMs` into `dir` and returns it as a message image (path, title, alt text). */
export function writeWeeklyChart(db: Db, rules: ConcernRules, dir: string, nowMs: number): MessageImage {
  const data = readWeeklyChartData(db, rules, nowMs);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `weekly-${data.today}.png`);
  writeFileSync(path, renderWeeklyChartPng(data));
  const busiest = [...data.concerns].sort((a, b) => sum(b.counts) - sum(a.counts))[0];
  return {
    path,
    title: `The week in a picture, ${data.today}`,
    alt: `Line chart of mentions by concern over the ${CHART_WEEKS} weeks to ${data.today}${busiest && sum(busiest.counts) > 0 ? `, most often ${busiest.name}` : ''}; `
      + `step chart of ratifications: ${data.ratifications.length} of ${data.target}.`,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
