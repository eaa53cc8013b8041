import type { Migration } from './index.js';

export const CLASSIFY_MIGRATIONS: readonly Migration[] = [];
