/**
 * The weekly picture as SVG, built from numbers alone (no browser, no chart library): on the left,
 * mentions per concern over the last weeks (the busiest concerns as lines, the rest summed as
 * "other"); on the right, ratifications over time against the 40 needed for entry into force.
 * Every label goes through escapeHtml, which is also correct XML escaping.
 */
import { escapeHtml as esc } from './html.js';

/** Width and height of the picture in pixels. */
export const CHART_WIDTH = 1000;
export const CHART_HEIGHT = 520;
/** Concerns drawn as their own line; the rest are summed into "other". */
export const CHART_TOP_CONCERNS = 6;

/** What the chart shows. */
export interface WeeklyChartData {
  /** Monday of each week, YYYY-MM-DD, oldest first. */
  weeks: string[];
  /** Per concern (its name), the mention count of each week. */
  concerns: { name: string; counts: number[] }[];
  /** Ratification dates (YYYY-MM-DD), any order. */
  ratifications: string[];
  /** How many are needed for entry into force. */
  target: number;
  /** The last day drawn on the ratification panel (YYYY-MM-DD). */
  today: string;
}

const COLORS = ['#0b5cad', '#d1495b', '#2a9d8f', '#e9a03b', '#6a4c93', '#3d405b', '#9aa1ab'];
const FONT = 'font-family="DejaVu Sans" ';

interface Box { x: number; y: number; w: number; h: number }

/** Returns the SVG document of the weekly chart. */
export function buildWeeklyChartSvg(data: WeeklyChartData): string {
  const left: Box = { x: 60, y: 80, w: 520, h: 330 };
  const right: Box = { x: 680, y: 80, w: 280, h: 330 };
  const series = topSeries(data.concerns, data.weeks.length);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}">
<rect width="100%" height="100%" fill="#ffffff"/>
<text ${FONT}x="30" y="34" font-size="20" font-weight="bold" fill="#1d2330">UN Convention against Cybercrime: the week in a picture</text>
<text ${FONT}x="${left.x}" y="${left.y - 16}" font-size="14" fill="#1d2330">Mentions by concern, weeks of ${esc(data.weeks[0] ?? '')} to ${esc(data.weeks.at(-1) ?? '')}</text>
${drawConcernPanel(left, data.weeks, series)}
<text ${FONT}x="${right.x}" y="${right.y - 16}" font-size="14" fill="#1d2330">Ratifications over time</text>
${drawRatificationPanel(right, data)}
</svg>`;
}

function topSeries(concerns: WeeklyChartData['concerns'], weeks: number): { name: string; counts: number[] }[] {
  const total = (c: { counts: number[] }) => c.counts.reduce((a, b) => a + b, 0);
  const ranked = concerns.filter((c) => total(c) > 0).sort((a, b) => total(b) - total(a) || a.name.localeCompare(b.name));
  const top = ranked.slice(0, CHART_TOP_CONCERNS);
  const rest = ranked.slice(CHART_TOP_CONCERNS);
  if (rest.length > 0) top.push({ name: `other (${rest.length})`, counts: Array.from({ length: weeks }, (_, i) => rest.reduce((a, c) => a + (c.counts[i] ?? 0), 0)) });
  return top;
}

function drawConcernPanel(box: Box, weeks: string[], series: { name: string; counts: number[] }[]): string {
  const max = niceMax(Math.max(1, ...series.flatMap((s) => s.counts)));
  const x = (i: number) => box.x + (weeks.length <= 1 ? box.w / 2 : (i / (weeks.length - 1)) * box.w);
  const y = (v: number) => box.y + box.h - (v / max) * box.h;
  const parts = [axes(box, max, y)];
  weeks.forEach((w, i) => parts.push(`<text ${FONT}x="${x(i)}" y="${box.y + box.h + 18}" font-size="11" text-anchor="middle" fill="#5b6473">${esc(w.slice(5))}</text>`));
  series.forEach((s, n) => {
    const color = COLORS[Math.min(n, COLORS.length - 1)]!;
    const points = s.counts.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${points}" fill="none" stroke="${color}" stroke-width="2.5"/>`);
    s.counts.forEach((v, i) => parts.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${color}"/>`));
    const ly = box.y + box.h + 42 + Math.floor(n / 3) * 18;
    const lx = box.x + (n % 3) * 185;
    parts.push(`<rect x="${lx}" y="${ly - 9}" width="12" height="4" fill="${color}"/><text ${FONT}x="${lx + 18}" y="${ly}" font-size="12" fill="#1d2330">${esc(truncate(s.name, 22))}</text>`);
  });
  if (series.length === 0) parts.push(`<text ${FONT}x="${box.x + box.w / 2}" y="${box.y + box.h / 2}" font-size="14" text-anchor="middle" fill="#5b6473">No tagged items in these weeks</text>`);
  return parts.join('\n');
}

function drawRatificationPanel(box: Box, data: WeeklyChartData): string {
  const dates = [...data.ratifications].filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
  const max = Math.max(data.target, dates.length);
  const startMs = Date.parse(dates[0] ?? data.today) - 30 * 86_400_000;
  const endMs = Math.max(Date.parse(data.today), startMs + 86_400_000);
  const x = (ms: number) => box.x + ((ms - startMs) / (endMs - startMs)) * box.w;
  const y = (v: number) => box.y + box.h - (v / max) * box.h;
  const parts = [axes(box, max, y)];
  // A step line: flat until each deposit, then one higher.
  let path = `M${x(startMs).toFixed(1)},${y(0).toFixed(1)}`;
  dates.forEach((d, i) => {
    path += ` H${x(Date.parse(d)).toFixed(1)} V${y(i + 1).toFixed(1)}`;
  });
  path += ` H${x(endMs).toFixed(1)}`;
  parts.push(`<path d="${path}" fill="none" stroke="#0b5cad" stroke-width="2.5"/>`);
  parts.push(`<line x1="${box.x}" y1="${y(data.target)}" x2="${box.x + box.w}" y2="${y(data.target)}" stroke="#d1495b" stroke-dasharray="6 4"/>`);
  parts.push(`<text ${FONT}x="${box.x + 4}" y="${y(data.target) - 6}" font-size="11" fill="#d1495b">${data.target} for entry into force</text>`);
  parts.push(`<text ${FONT}x="${box.x}" y="${box.y + box.h + 18}" font-size="11" fill="#5b6473">${esc(new Date(startMs).toISOString().slice(0, 7))}</text>`);
  parts.push(`<text ${FONT}x="${box.x + box.w}" y="${box.y + box.h + 18}" font-size="11" text-anchor="end" fill="#5b6473">${esc(data.today)}</text>`);
  parts.push(`<text ${FONT}x="${box.x}" y="${box.y + box.h + 42}" font-size="13" fill="#1d2330">${dates.length} of ${data.target} ratifications</text>`);
  return parts.join('\n');
}

function axes(box: Box, max: number, y: (v: number) => number): string {
  const ticks = [0, max / 4, max / 2, (3 * max) / 4, max].map((v) => Math.round(v));
  return [
    ...[...new Set(ticks)].map((t) => `<line x1="${box.x}" y1="${y(t)}" x2="${box.x + box.w}" y2="${y(t)}" stroke="#e6eaf0"/><text ${FONT}x="${box.x - 8}" y="${y(t) + 4}" font-size="11" text-anchor="end" fill="#5b6473">${t}</text>`),
    `<line x1="${box.x}" y1="${box.y + box.h}" x2="${box.x + box.w}" y2="${box.y + box.h}" stroke="#9aa1ab"/>`,
  ].join('\n');
}

function niceMax(v: number): number {
  if (v <= 4) return 4;
  const step = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / (step / 2)) * (step / 2);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
