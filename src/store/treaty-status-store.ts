/** Reads the treaty's signatures and consents to be bound from the stored treaty-status items. */
import type { Source } from '../domain.js';
import { statement, type Db } from './db.js';
import { rowToSource, type SourceRow } from './sources-store.js';

/** Ratifications (or acceptances, approvals, accessions) after which the convention can enter into force (Art. 65). */
export const RATIFICATIONS_FOR_ENTRY_INTO_FORCE = 40;
/** It enters into force on the 90th day after the 40th instrument is deposited. */
export const DAYS_TO_ENTRY_INTO_FORCE = 90;
const DAY_MS = 86_400_000;

/** One state's act: a signature, or its consent to be bound (ratification, acceptance, approval, accession). */
export interface TreatyAct {
  participant: string;
  /** The record's word: signature, ratification, acceptance, approval, accession, succession. */
  action: string;
  /** 'signature', or 'ratification' for every way of becoming a party. */
  kind: 'signature' | 'ratification';
  /** YYYY-MM-DD as the record gives it. */
  date: string;
}

/** What the treaty record says, as far as we have read it. */
export interface TreatyStatus {
  signatories: number;
  parties: number;
  acts: TreatyAct[];
  latest: TreatyAct | null;
  /** YYYY-MM-DD, once the 40th consent to be bound is recorded. */
  entryIntoForce: string | null;
  /** The enabled treaty-status sources, with their fetch state (read or not yet). */
  sources: Source[];
}

/** Returns the treaty's status from the stored treaty-status items (each act once, even from two sources). */
export function readTreatyStatus(db: Db): TreatyStatus {
  const rows = statement(db, `SELECT i.kind, i.extra_json FROM items i JOIN sources s ON s.id = i.source_id
                              WHERE s.kind = 'treaty-status' AND i.kind IN ('signature', 'ratification')`).all() as { kind: string; extra_json: string | null }[];
  const seen = new Map<string, TreatyAct>();
  for (const r of rows) {
    const extra = (r.extra_json ? JSON.parse(r.extra_json) : {}) as Record<string, unknown>;
    const participant = String(extra['participant'] ?? '');
    const kind = r.kind === 'signature' ? 'signature' : 'ratification';
    seen.set(`${kind}:${participant}`, { participant, action: String(extra['action'] ?? kind), kind, date: String(extra['date'] ?? '') });
  }
  const acts = [...seen.values()].sort((a, b) => b.date.localeCompare(a.date) || a.participant.localeCompare(b.participant));
  const consents = acts.filter((a) => a.kind === 'ratification');
  const fortieth = consents.map((a) => a.date).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort()[RATIFICATIONS_FOR_ENTRY_INTO_FORCE - 1];
  const sources = (statement(db, `SELECT * FROM sources WHERE kind = 'treaty-status' AND enabled = 1 ORDER BY id`).all() as SourceRow[]).map(rowToSource);
  return {
    signatories: new Set(acts.filter((a) => a.kind === 'signature').map((a) => a.participant)).size,
    parties: new Set(consents.map((a) => a.participant)).size,
    acts,
    latest: acts[0] ?? null,
    entryIntoForce: fortieth ? new Date(Date.parse(fortieth) + DAYS_TO_ENTRY_INTO_FORCE * DAY_MS).toISOString().slice(0, 10) : null,
    sources,
  };
}

/** Returns the running totals as a digest shows them: "42 signatories, 3 parties; 37 ratifications to go". */
export function formatTreatyTotals(status: Pick<TreatyStatus, 'signatories' | 'parties' | 'entryIntoForce'>): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const left = Math.max(0, RATIFICATIONS_FOR_ENTRY_INTO_FORCE - status.parties);
  const tail = left > 0 ? `${plural(left, 'ratification', 'ratifications')} to go` : `enters into force on ${status.entryIntoForce ?? 'the 90th day after the 40th'}`;
  return `${plural(status.signatories, 'signatory', 'signatories')}, ${plural(status.parties, 'party', 'parties')}; ${tail}`;
}

/** Returns the running totals when any of these digest items is a treaty action, else undefined. */
export function treatyTotalsFor(db: Db, items: readonly { treatyAction?: unknown }[]): string | undefined {
  return items.some((i) => i.treatyAction) ? formatTreatyTotals(readTreatyStatus(db)) : undefined;
}
