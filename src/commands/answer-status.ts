import type { Block, Message } from '../chat/message.js';
import { statement, type Db } from '../store/db.js';

/** Ratifications after which the convention can enter into force (Art. 65). */
export const RATIFICATIONS_FOR_ENTRY_INTO_FORCE = 40;
/** It enters into force on the 90th day after the 40th instrument is deposited. */
export const DAYS_TO_ENTRY_INTO_FORCE = 90;
const DAY_MS = 86_400_000;

/** Signature and ratification counts from the treaty record, with the entry-into-force date once known. */
export interface TreatyStatus {
  signatures: number;
  ratifications: number;
  latest: { participant: string; action: string; date: string } | null;
  /** YYYY-MM-DD, once the 40th ratification is recorded. */
  entryIntoForce: string | null;
}

/** Returns the counts of the treaty-status items (one per participant and action, dated by `extra.date`). */
export function readTreatyStatus(db: Db): TreatyStatus {
  const rows = statement(db, `SELECT i.kind, i.extra_json FROM items i JOIN sources s ON s.id = i.source_id
                              WHERE s.kind = 'treaty-status' AND i.kind IN ('signature', 'ratification')`).all() as { kind: string; extra_json: string | null }[];
  const seen = new Map<string, { participant: string; action: string; date: string; kind: string }>();
  for (const r of rows) {
    const extra = (r.extra_json ? JSON.parse(r.extra_json) : {}) as Record<string, unknown>;
    const participant = String(extra['participant'] ?? '');
    const date = String(extra['date'] ?? '');
    // The same participant can appear from two status sources; count each act once.
    seen.set(`${r.kind}:${participant}`, { participant, action: String(extra['action'] ?? r.kind), date, kind: r.kind });
  }
  const acts = [...seen.values()];
  const ratified = acts.filter((a) => a.kind === 'ratification').map((a) => a.date).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
  const fortieth = ratified[RATIFICATIONS_FOR_ENTRY_INTO_FORCE - 1];
  const latest = [...acts].sort((a, b) => b.date.localeCompare(a.date))[0] ?? null;
  return {
    signatures: acts.filter((a) => a.kind === 'signature').length,
    ratifications: acts.filter((a) => a.kind === 'ratification').length,
    latest: latest && { participant: latest.participant, action: latest.action, date: latest.date },
    entryIntoForce: fortieth ? new Date(Date.parse(fortieth) + DAYS_TO_ENTRY_INTO_FORCE * DAY_MS).toISOString().slice(0, 10) : null,
  };
}

/** Returns the reply to `status`, with `notes` (e.g. undelivered posts) appended. */
export function answerStatus(db: Db, nowMs: number, notes: string[] = []): Message {
  const s = readTreatyStatus(db);
  const left = Math.max(0, RATIFICATIONS_FOR_ENTRY_INTO_FORCE - s.ratifications);
  let countdown: string;
  if (s.entryIntoForce) {
    const days = Math.ceil((Date.parse(s.entryIntoForce) - nowMs) / DAY_MS);
    countdown = days > 0 ? `enters into force on ${s.entryIntoForce} (in ${days} days)` : `in force since ${s.entryIntoForce}`;
  } else {
    countdown = `${left} more ratification${left === 1 ? '' : 's'} needed; it enters into force on the ${DAYS_TO_ENTRY_INTO_FORCE}th day after the ${RATIFICATIONS_FOR_ENTRY_INTO_FORCE}th`;
  }
  const fields = [
    { label: 'Signatures', value: String(s.signatures) },
    { label: 'Ratifications', value: `${s.ratifications} of ${RATIFICATIONS_FOR_ENTRY_INTO_FORCE}` },
    { label: 'Entry into force', value: countdown },
  ];
  if (s.latest) fields.push({ label: 'Latest', value: `${s.latest.participant}: ${s.latest.action}, ${s.latest.date}` });
  const blocks: Block[] = [{ type: 'heading', text: 'UN Convention against Cybercrime: status' }, { type: 'fields', fields }];
  if (s.signatures + s.ratifications === 0) blocks.push({ type: 'context', spans: [{ text: 'No treaty-status record polled yet.' }] });
  for (const note of notes) blocks.push({ type: 'context', spans: [{ text: note, italic: true }] });
  return { kind: 'reply', summary: `${s.signatures} signatures, ${s.ratifications} ratifications`, blocks };
}
