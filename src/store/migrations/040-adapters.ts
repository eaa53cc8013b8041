import type { Migration } from './index.js';

export const ADAPTER_MIGRATIONS: readonly Migration[] = [];
