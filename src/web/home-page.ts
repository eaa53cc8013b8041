import { RATIFICATIONS_FOR_ENTRY_INTO_FORCE, readTreatyStatus, type TreatyAct } from '../store/treaty-status-store.js';
import { buildDigest, formatDate } from '../deliver/build-digest.js';
import { currentSession, nextSession } from '../deliver/session-calendar.js';
import type { CalendarEvent } from '../knowledge/calendar.js';
import type { Knowledge } from '../knowledge/load-knowledge.js';
import { describeSourceHealth } from '../poll/source-health.js';
import type { Db } from '../store/db.js';
import { listRelevantItemIdsSince, loadItemDigestFacts } from '../store/deliveries-store.js';
import { listSources } from '../store/sources-store.js';
import { html, type Html } from './html.js';
import { renderBlocks } from './render-blocks.js';
import { renderPage } from './render-page.js';
import { WEEK_MS } from './week-window.js';

/** Most of this week's items the home page reads (newest first) to group by concern. */
export const HOME_WEEK_ITEMS = 100;

/** One state in the treaty record: when it signed, and how and when it consented to be bound. */
export interface StateRow {
  participant: string;
  signed: string | null;
  consent: { action: string; date: string } | null;
}

/** Returns the treaty record's acts as one row per state, in alphabetical order. */
export function groupByState(actions: readonly TreatyAct[]): StateRow[] {
  const rows = new Map<string, StateRow>();
  for (const a of actions) {
    const row = rows.get(a.participant) ?? { participant: a.participant, signed: null, consent: null };
    if (a.kind === 'signature') row.signed = a.date;
    else row.consent = { action: a.action, date: a.date };
    rows.set(a.participant, row);
  }
  return [...rows.values()].sort((a, b) => a.participant.localeCompare(b.participant));
}

/** Returns the home page: treaty status with the states, the session, this week's items by concern, source health. */
export function renderHomePage(db: Db, knowledge: Pick<Knowledge, 'calendar' | 'concerns'>, nowMs: number): string {
  const body = html`<h1>UN Convention against Cybercrime</h1>
${renderStatus(db, nowMs)}
${renderSession(knowledge.calendar, nowMs)}
${renderThisWeek(db, knowledge, nowMs)}
${renderSourceSummary(db, nowMs)}`;
  return renderPage({ title: 'Status', body });
}

function renderStatus(db: Db, nowMs: number): Html {
  const status = readTreatyStatus(db);
  const reads = status.sources.map((s) => s.lastSuccessAtMs).filter((t): t is number => t !== null);
  const readAt = reads.length === 0 ? null : Math.max(...reads);
  const left = Math.max(0, RATIFICATIONS_FOR_ENTRY_INTO_FORCE - status.parties);
  const countdown = status.entryIntoForce
    ? html`Enters into force on <b>${status.entryIntoForce}</b> (90 days after the 40th ratification).`
    : html`<b>${left}</b> more ratification${left === 1 ? '' : 's'} needed for entry into force (90 days after the 40th).`;
  const states = groupByState(status.acts);
  return html`<section id="status">
<h2>Signatures and ratifications</h2>
<p class="muted">From the UN Treaty Collection record (chapter XVIII, no. 16), ${readAt === null ? 'not read yet' : html`as of <time datetime="${new Date(readAt).toISOString()}">${formatDate(readAt, 'UTC')}</time>`}.</p>
<div class="numbers">
<div class="number" id="signatures"><b>${status.signatories}</b> signatures</div>
<div class="number" id="ratifications"><b>${status.parties}</b> of ${RATIFICATIONS_FOR_ENTRY_INTO_FORCE} ratifications</div>
</div>
<progress max="${RATIFICATIONS_FOR_ENTRY_INTO_FORCE}" value="${Math.min(status.parties, RATIFICATIONS_FOR_ENTRY_INTO_FORCE)}">${status.parties} of ${RATIFICATIONS_FOR_ENTRY_INTO_FORCE}</progress>
<p>${countdown}</p>
${states.length === 0 ? html`<p class="muted">No treaty-status record polled yet.</p>` : html`<table class="states" id="states">
<tr><th>State</th><th>Signature</th><th>Ratification, acceptance, approval or accession</th></tr>
${states.map((s) => html`<tr><td>${s.participant}</td><td>${s.signed ?? ''}</td><td>${s.consent ? `${s.consent.date} (${s.consent.action})` : ''}</td></tr>\n`)}</table>`}
</section>`;
}

function renderSession(calendar: readonly CalendarEvent[], nowMs: number): Html {
  const now = currentSession(nowMs, calendar);
  const next = now ? undefined : nextSession(nowMs, calendar);
  const describe = (e: CalendarEvent) => html`<b>${e.event}</b>, ${e.place}, ${e.start} to ${e.end}`;
  return html`<section id="session"><h2>Session</h2>
<p>${now ? html`Running now: ${describe(now)}.` : next ? html`Next: ${describe(next)}.` : 'No session in the calendar.'}</p></section>`;
}

function renderThisWeek(db: Db, knowledge: Pick<Knowledge, 'concerns'>, nowMs: number): Html {
  const ids = listRelevantItemIdsSince(db, nowMs - WEEK_MS);
  // The page shows a digest's worth of stories; a flood week is read from its newest items only.
  const facts = loadItemDigestFacts(db, ids.slice(-HOME_WEEK_ITEMS));
  const notes = ids.length > HOME_WEEK_ITEMS ? [`${ids.length} relevant items this week; the newest ${HOME_WEEK_ITEMS} are grouped here.`] : [];
  const digest = buildDigest(facts, { concerns: knowledge.concerns, title: 'This week, by concern', groupBy: 'concern', timeZone: 'UTC', notes, nothingNewText: 'Nothing new in the last 7 days.' });
  return html`<section id="week">${digest ? renderBlocks(digest.blocks) : ''}</section>`;
}

function renderSourceSummary(db: Db, nowMs: number): Html {
  const health = listSources(db).map((s) => describeSourceHealth(db, s, nowMs));
  const count = (state: string) => health.filter((h) => h.state === state).length;
  const attention = health.filter((h) => h.state === 'failing' || h.state === 'stale');
  return html`<section id="sources"><h2>Source health</h2>
<p>${health.length} sources: ${count('ok')} ok, ${count('failing')} failing, ${count('stale')} stale, ${count('new')} not fetched yet. <a href="/sources">All sources</a></p>
${attention.length > 0 ? html`<ul>${attention.map((h) => html`<li class="state-${h.state}">${h.name}: ${h.state}</li>`)}</ul>` : ''}</section>`;
}
