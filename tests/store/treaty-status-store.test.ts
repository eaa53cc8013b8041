import { describe, expect, it } from 'vitest';
import { recordFetchSuccess } from '../../src/store/sources-store.js';
import { formatTreatyTotals, readTreatyStatus, treatyTotalsFor } from '../../src/store/treaty-status-store.js';
import { addItem, seedStore } from '../helpers/store-seed.js';

describe('treaty-status store', () => {
  const act = (participant: string, action: string, date: string) => ({ kind: action === 'signature' ? 'signature' : 'ratification', extra: { participant, action, date } });

  it('counts each state once across sources, newest act first, and sets entry into force 90 days after the 40th consent', () => {
    const db = seedStore([{ id: 'untc', kind: 'treaty-status' }, { id: 'mirror', kind: 'treaty-status' }]);
    const acts = [act('Chile', 'signature', '2025-10-25'), act('Viet Nam', 'signature', '2025-10-25'), act('Chile', 'ratification', '2026-02-01')];
    acts.forEach((a, i) => addItem(db, 'untc', `u${i}`, a));
    addItem(db, 'mirror', 'm0', act('Chile', 'signature', '2025-10-25'));
    addItem(db, 'eff', 'post', act('Nowhere', 'signature', '2025-01-01'));
    recordFetchSuccess(db, 'untc', { nowMs: 50, nextCheckAtMs: 60, httpStatus: 200, status: 'ok', newItems: 3, etag: null, lastModified: null });
    const status = readTreatyStatus(db);
    expect([status.signatories, status.parties, status.entryIntoForce]).toEqual([2, 1, null]);
    expect(status.latest).toEqual({ participant: 'Chile', action: 'ratification', kind: 'ratification', date: '2026-02-01' });
    expect(status.sources.map((s) => [s.id, s.lastSuccessAtMs])).toEqual([['mirror', null], ['untc', 50]]);
    expect(formatTreatyTotals(status)).toBe('2 signatories, 1 party; 39 ratifications to go');
    expect(treatyTotalsFor(db, [{}, { treatyAction: { participant: 'Chile' } }])).toBe('2 signatories, 1 party; 39 ratifications to go');
    expect(treatyTotalsFor(db, [{}])).toBeUndefined();

    for (let i = 0; i < 39; i++) addItem(db, 'untc', `r${i}`, act(`State ${i}`, 'accession', `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`));
    const full = readTreatyStatus(db);
    expect([full.parties, full.entryIntoForce]).toEqual([40, '2026-06-26']);
    expect(formatTreatyTotals(full)).toBe('2 signatories, 40 parties; enters into force on 2026-06-26');
  });

  it('reads an empty record as nothing signed', () => {
    const status = readTreatyStatus(seedStore());
    expect(status).toEqual({ signatories: 0, parties: 0, acts: [], latest: null, entryIntoForce: null, sources: [] });
  });
});
