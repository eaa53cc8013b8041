import { formatDate } from '../deliver/build-digest.js';
import { errorMessage, type Block, type Message } from '../chat/message.js';
import type { Source } from '../domain.js';
import type { Db } from '../store/db.js';
import { redactUrls } from '../log.js';
import {
  DAYS_TO_ENTRY_INTO_FORCE, RATIFICATIONS_FOR_ENTRY_INTO_FORCE, readTreatyStatus, type TreatyAct, type TreatyStatus,
} from '../store/treaty-status-store.js';
import { describeOfficialTexts, readOfficialTextFacts } from '../treaty/describe-official-texts.js';
import { usageOf } from './command-usage.js';

const DAY_MS = 86_400_000;

/** Returns the reply to `status [states]`, with `notes` (e.g. undelivered posts) appended. */
export function answerStatus(db: Db, nowMs: number, notes: string[] = [], args = ''): Message {
  const topic = args.trim().toLowerCase();
  if (topic !== '' && topic !== 'states') return errorMessage(`"status" knows only "status states", not "${topic.slice(0, 40)}".`, usageOf('status'));
  const status = readTreatyStatus(db);
  const blocks: Block[] = [{ type: 'heading', text: 'UN Convention against Cybercrime: status' }];
  const read = status.sources.some((s) => s.lastSuccessAtMs !== null);
  if (read) blocks.push({ type: 'fields', fields: countFields(status, nowMs) });
  for (const source of status.sources) blocks.push({ type: 'context', spans: [{ text: describeRecordState(source, nowMs) }] });
  if (status.sources.length === 0) blocks.push({ type: 'context', spans: [{ text: 'No treaty-status source is configured, so there is nothing to count.' }] });
  for (const line of describeOfficialTexts(readOfficialTextFacts(db), nowMs)) blocks.push({ type: 'context', spans: [{ text: `Official text, ${line}.` }] });
  if (topic === 'states') blocks.push(...stateBlocks(status.acts));
  else if (status.acts.length > 0) blocks.push({ type: 'context', spans: [{ text: '"status states" lists every state and date.' }] });
  for (const note of notes) blocks.push({ type: 'context', spans: [{ text: note, italic: true }] });
  const summary = read ? `${status.signatories} signatories, ${status.parties} parties` : 'Treaty status not read yet';
  return { kind: 'reply', summary, blocks };
}

function countFields(s: TreatyStatus, nowMs: number): { label: string; value: string }[] {
  const left = Math.max(0, RATIFICATIONS_FOR_ENTRY_INTO_FORCE - s.parties);
  let countdown: string;
  if (s.entryIntoForce) {
    const days = Math.ceil((Date.parse(s.entryIntoForce) - nowMs) / DAY_MS);
    countdown = days > 0 ? `enters into force on ${s.entryIntoForce} (in ${days} days)` : `in force since ${s.entryIntoForce}`;
  } else {
    countdown = `${left} more ratification${left === 1 ? '' : 's'} needed; it enters into force on the ${DAYS_TO_ENTRY_INTO_FORCE}th day after the ${RATIFICATIONS_FOR_ENTRY_INTO_FORCE}th`;
  }
  const fields = [
    { label: 'Signatories', value: String(s.signatories) },
    { label: 'Parties', value: `${s.parties} of the ${RATIFICATIONS_FOR_ENTRY_INTO_FORCE} needed (ratification, acceptance, approval or accession)` },
    { label: 'Entry into force', value: countdown },
  ];
  if (s.latest) fields.push({ label: 'Latest', value: `${s.latest.participant}: ${s.latest.action}, ${s.latest.date}` });
  return fields;
}

/** Returns what we know of a treaty-status source: never read, read (as of when), or failing. */
export function describeRecordState(source: Source, nowMs: number): string {
  const next = `next attempt at ${formatInstant(Math.max(source.nextCheckAtMs, nowMs))}`;
  if (source.lastSuccessAtMs === null) {
    return source.lastCheckedAtMs === null
      ? `${source.name}: never polled; ${next}.`
      : `${source.name}: not read yet (${source.errorCount} failed attempt${source.errorCount === 1 ? '' : 's'}, last: ${redactUrls(source.lastError ?? 'unknown error')}); ${next}.`;
  }
  // The record's own date is what its server says it last changed; failing that, when we read it.
  const modified = source.lastModified === null ? NaN : Date.parse(source.lastModified);
  const asOf = Number.isNaN(modified) ? `as read on ${formatInstant(source.lastSuccessAtMs)}` : `as of ${formatInstant(modified)} (last read ${formatInstant(source.lastSuccessAtMs)})`;
  const failing = source.errorCount > 0 ? `; the last ${source.errorCount} attempt${source.errorCount === 1 ? '' : 's'} failed (${redactUrls(source.lastError ?? 'unknown error')}), ${next}` : '';
  return `${source.name}: record ${asOf}${failing}.`;
}

function stateBlocks(acts: readonly TreatyAct[]): Block[] {
  if (acts.length === 0) return [{ type: 'paragraph', spans: [{ text: 'No state has signed or ratified yet, as far as the record we read says.' }] }];
  const byState = new Map<string, TreatyAct[]>();
  for (const act of acts) byState.set(act.participant, [...(byState.get(act.participant) ?? []), act]);
  const lines = [...byState.keys()].sort((a, b) => a.localeCompare(b)).map((state) => {
    const done = byState.get(state)!.sort((a, b) => a.date.localeCompare(b.date)).map((a) => `${a.action} ${a.date}`);
    return [{ text: state, bold: true }, { text: ` — ${done.join('; ')}` }];
  });
  return [{ type: 'heading', text: `States (${byState.size})` }, { type: 'list', items: lines }];
}

function formatInstant(ms: number): string {
  return `${formatDate(ms, 'UTC')} ${new Date(ms).toISOString().slice(11, 16)} UTC`;
}
