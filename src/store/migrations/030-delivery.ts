import type { Migration } from './index.js';

export const DELIVERY_MIGRATIONS: readonly Migration[] = [];
