import type { Db } from '../db.js';
import { FOUNDATION_MIGRATIONS } from './001-foundation.js';
import { TREATY_MIGRATIONS } from './010-treaty.js';
import { DELIVERY_MIGRATIONS } from './030-delivery.js';
import { WEB_MIGRATIONS } from './070-web.js';
import { LEASE_MIGRATIONS } from './060-instance-lease.js';
import { FAST_READ_MIGRATIONS } from './160-fast-reads.js';
import { FULL_TEXT_MIGRATIONS } from './170-full-text.js';
import { TREATY_LANGUAGE_MIGRATIONS } from './180-treaty-languages.js';
import { REVISION_MIGRATIONS } from './190-item-revisions.js';
import { ARTICLE_WEEK_MIGRATIONS } from './210-article-week-counts.js';

/** One schema change; `version` is stored in PRAGMA user_version once applied. Never edit a released one. */
export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

// Each stage owns a range of versions (1-9 foundation, 10-19 treaty, 20-29 classification,
// 30-39 delivery, 40-49 adapters) so the ranges can grow independently; gaps are fine. The
// classification and adapter ranges hold no migration yet: their tables are in the foundation.
export const MIGRATIONS: readonly Migration[] = [
  ...FOUNDATION_MIGRATIONS,
  ...TREATY_MIGRATIONS,
  ...DELIVERY_MIGRATIONS,
  ...WEB_MIGRATIONS,
  ...LEASE_MIGRATIONS,
  ...FAST_READ_MIGRATIONS,
  ...FULL_TEXT_MIGRATIONS,
  ...TREATY_LANGUAGE_MIGRATIONS,
  ...REVISION_MIGRATIONS,
  ...ARTICLE_WEEK_MIGRATIONS,
];
