import type { Migration } from './index.js';

export const TREATY_MIGRATIONS: readonly Migration[] = [];
