import { readFileSync } from 'node:fs';
import type { FullTextMode, PageSelectors, SourceConfig, SourceKind, SourcePriority } from '../domain.js';
import { projectPath } from '../project-path.js';

/** The shortest poll interval a configured source may ask for. */
export const MIN_INTERVAL_MS = 60_000;
/** The interval of a source that names none. */
export const DEFAULT_INTERVAL_MS = 30 * 60_000;

const KINDS: readonly SourceKind[] = ['feed', 'page', 'treaty-status'];
const PRIORITIES: readonly SourcePriority[] = ['high', 'normal', 'low'];
const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Returns the configured sources: the operator's file when `TREATYWATCH_SOURCES` names one (it
 * replaces the built-in list), else the reviewed list in `feeds/sources.json`.
 */
export function loadSourceConfigs(sourcesFile: string | null): { configs: SourceConfig[]; origin: 'builtin' | 'operator' } {
  const path = sourcesFile ?? projectPath('feeds', 'sources.json');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new Error(`sources: cannot read ${sourcesFile ? 'TREATYWATCH_SOURCES file ' + path : 'feeds/sources.json'}`, { cause });
  }
  return { configs: parseSourceConfigs(json), origin: sourcesFile ? 'operator' : 'builtin' };
}

/** Returns validated source configs from parsed JSON; throws naming the entry and field at fault. */
export function parseSourceConfigs(json: unknown): SourceConfig[] {
  if (!Array.isArray(json)) throw new Error('sources: the list must be a JSON array of sources');
  const seen = new Set<string>();
  return json.map((entry: unknown, index) => {
    const where = `sources: entry ${index + 1}`;
    if (typeof entry !== 'object' || entry === null) throw new Error(`${where} is not an object`);
    const e = entry as Record<string, unknown>;
    const id = requireString(e, 'id', where);
    if (!ID_PATTERN.test(id)) throw new Error(`${where}: id "${id}" must be lower-case letters, digits and dashes`);
    if (seen.has(id)) throw new Error(`${where}: id "${id}" appears twice`);
    seen.add(id);
    const kind = requireString(e, 'kind', where) as SourceKind;
    if (!KINDS.includes(kind)) throw new Error(`${where} (${id}): kind must be one of ${KINDS.join(', ')}`);
    const url = requireString(e, 'url', where);
    if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) throw new Error(`${where} (${id}): url must be an http(s) URL`);
    const priority = (e['priority'] ?? 'normal') as SourcePriority;
    if (!PRIORITIES.includes(priority)) throw new Error(`${where} (${id}): priority must be one of ${PRIORITIES.join(', ')}`);
    const config: SourceConfig = {
      id,
      name: typeof e['name'] === 'string' && e['name'] ? e['name'] : id,
      publisher: typeof e['publisher'] === 'string' && e['publisher'] ? e['publisher'] : id,
      kind,
      url,
      intervalMs: parseInterval(e['interval'] ?? e['intervalMs'], `${where} (${id})`),
      priority,
      sessionCritical: e['sessionCritical'] === true,
    };
    if (e['selectors'] !== undefined) config.selectors = parseSelectors(e['selectors'], `${where} (${id})`);
    if (e['fullText'] !== undefined) config.fullText = parseFullText(e['fullText'], `${where} (${id})`);
    return config;
  });
}

/** Returns an interval in milliseconds from "30m", "1h", "2d", "90s" or a number of seconds. */
export function parseInterval(value: unknown, where = 'sources'): number {
  if (value === undefined || value === null) return DEFAULT_INTERVAL_MS;
  let ms: number;
  if (typeof value === 'number') {
    ms = value * 1000;
  } else {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$/i.exec(String(value));
    if (!m) throw new Error(`${where}: interval "${String(value)}" must look like 30m, 1h or 2d`);
    const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 's').toLowerCase() as 's'];
    ms = Number(m[1]) * unit;
  }
  if (!Number.isFinite(ms) || ms < MIN_INTERVAL_MS) throw new Error(`${where}: interval must be at least one minute`);
  return Math.round(ms);
}

function parseFullText(value: unknown, where: string): FullTextMode {
  if (value === false) return 'off';
  if (value === true) return 'relevant';
  if (value === 'all') return 'all';
  throw new Error(`${where}: fullText must be false, true or "all"`);
}

function parseSelectors(value: unknown, where: string): PageSelectors {
  if (typeof value !== 'object' || value === null) throw new Error(`${where}: selectors must be an object`);
  const v = value as Record<string, unknown>;
  const item = requireString(v, 'item', `${where}: selectors`);
  const out: PageSelectors = { item };
  for (const key of ['title', 'link', 'date', 'summary'] as const) {
    if (v[key] !== undefined) out[key] = requireString(v, key, `${where}: selectors`);
  }
  return out;
}

function requireString(obj: Record<string, unknown>, key: string, where: string): string {
  const value = obj[key];
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`${where}: "${key}" must be a non-empty string`);
  return value.trim();
}
