import { describe, expect, it } from 'vitest';
import { clearTreatyTextAttempt, findTreatyTextAttempt, recordTreatyTextAttempt, type TreatyTextAttempt } from '../../src/store/treaty-text-attempts-store.js';
import { seedStore } from '../helpers/store-seed.js';

describe('treaty-text-attempts store', () => {
  it('records, replaces and clears the failed attempts of one language', () => {
    const db = seedStore();
    const attempt: TreatyTextAttempt = {
      language: 'en', source: 'https://example.org/en.pdf', failures: 1, lastAttemptAtMs: 10, nextAttemptAtMs: 70, lastError: 'HTTP 503', etag: null, lastModified: null,
    };
    expect(findTreatyTextAttempt(db, 'en')).toBeUndefined();
    recordTreatyTextAttempt(db, attempt);
    recordTreatyTextAttempt(db, { ...attempt, failures: 2, etag: '"v1"', lastModified: 'Mon, 01 Dec 2025 00:00:00 GMT' });
    expect(findTreatyTextAttempt(db, 'en')).toEqual({ ...attempt, failures: 2, etag: '"v1"', lastModified: 'Mon, 01 Dec 2025 00:00:00 GMT' });
    expect(findTreatyTextAttempt(db, 'fr')).toBeUndefined();
    clearTreatyTextAttempt(db, 'en');
    clearTreatyTextAttempt(db, 'en');
    expect(findTreatyTextAttempt(db, 'en')).toBeUndefined();
  });
});
