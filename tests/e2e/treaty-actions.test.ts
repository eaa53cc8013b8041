import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerDigest } from '../../src/commands/answer-digest.js';
import { TREATY_STATUS_HEADING } from '../../src/deliver/build-digest.js';
import { composeDuePosts } from '../../src/deliver/compose-due.js';
import type { Message } from '../../src/chat/message.js';
import { silentLogger } from '../../src/log.js';
import { pollSources } from '../../src/poll/poll-sources.js';
import { parseSourceConfigs } from '../../src/poll/source-list.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { listPosts } from '../../src/store/deliveries-store.js';
import { syncConfiguredSources } from '../../src/store/sources-store.js';
import { upsertSubscription } from '../../src/store/subscriptions-store.js';
import { conditionalRoute, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A UN Treaty Collection record with one row per [participant, signature, consent] (UNTC dates, "" for none). */
function treatyRecord(rows: [string, string, string][]): string {
  const body = rows.map(([p, s, c]) => `<Row><Entry>${p}</Entry><Entry>${s}</Entry><Entry>${c}</Entry></Row>`).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<Treaty><Header><Chapter>XVIII</Chapter><Title>16. United Nations Convention against Cybercrime</Title></Header>
<Participants><Table><TGroup cols="3"><Thead><Row><Entry>Participant</Entry><Entry>Signature</Entry>
<Entry>Ratification, Acceptance(A), Approval(AA), Accession(a)</Entry></Row></Thead><Tbody>${body}</Tbody></TGroup></Table></Participants></Treaty>`;
}

function untcDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

function listItems(message: Message, heading: string): string[] {
  const at = message.blocks.findIndex((b) => b.type === 'heading' && b.text === heading);
  if (at === -1) return [];
  const list = message.blocks.slice(at + 1).find((b) => b.type === 'list');
  return list?.type === 'list' ? list.items.map((spans) => spans.map((s) => s.text).join('')) : [];
}

function contextAfter(message: Message, heading: string): string | undefined {
  const at = message.blocks.findIndex((b) => b.type === 'heading' && b.text === heading);
  const next = message.blocks[at + 1];
  return next?.type === 'context' ? next.spans.map((s) => s.text).join('') : undefined;
}

describe('treaty actions from the treaty-status record', () => {
  let server: FixtureServer;
  let record = '';
  beforeAll(async () => {
    server = await startFixtureServer({ '/XVIII-16.xml': conditionalRoute(() => record, 'application/xml') });
  });
  afterAll(() => server.close());

  it('gives each of 8 new actions its own digest entry under "Treaty status" with the totals, alerts on or off', async () => {
    const db: Db = openDatabase(':memory:');
    syncConfiguredSources(db, parseSourceConfigs([
      { id: 'untc-status', name: 'UN Treaty Collection', publisher: 'UN Treaty Collection', kind: 'treaty-status', url: server.url('/XVIII-16.xml'), priority: 'high' },
    ]), 'operator', 0);
    let nowMs = Date.UTC(2026, 5, 10, 6, 0);
    const day = (back: number) => untcDay(nowMs - back * DAY_MS);
    const loud = upsertSubscription(db, 'test', 'loud', { digestCron: '0 8 * * *' }, 0);
    const quiet = upsertSubscription(db, 'test', 'quiet', { digestCron: '0 8 * * *', alerts: false }, 0);
    const filtered = upsertSubscription(db, 'test', 'filtered', { digestCron: '0 8 * * *', filterConcerns: ['surveillance'] }, 0);
    const poll = () => pollSources({ knowledge: KNOWLEDGE, db, log: silentLogger, now: () => nowMs }, { force: true });

    record = treatyRecord([['Brazil', day(300), ''], ['Viet Nam', day(300), '']]);
    expect((await poll()).map((r) => r.status)).toEqual(['first-poll']);
    composeDuePosts(db, KNOWLEDGE, nowMs);

    // Eight new actions, all on the one status page URL; none of the titles names the convention in full.
    record = treatyRecord([
      ['Brazil', day(300), day(1)], ['Canada', day(1), ''], ['Chile', day(1), ''], ['Ghana', '', `${day(1)} a`],
      ['Japan', day(1), `${day(1)} A`], ['Norway', day(1), `${day(1)} AA`], ['Viet Nam', day(300), ''],
    ]);
    nowMs += 60_000;
    expect((await poll()).map((r) => [r.status, r.newItems])).toEqual([['new', 8]]);
    expect(db.prepare("SELECT count(*) AS n FROM items WHERE relevant = 1").get()).toEqual({ n: 10 });

    nowMs = Date.UTC(2026, 5, 10, 8, 0);
    composeDuePosts(db, KNOWLEDGE, nowMs);
    for (const sub of [loud, quiet, filtered]) {
      const digest = listPosts(db, sub.id).find((p) => p.kind === 'digest')!.message;
      const entries = listItems(digest, TREATY_STATUS_HEADING);
      expect(entries).toHaveLength(8);
      expect(entries.filter((e) => e.startsWith('Japan '))).toHaveLength(2);
      expect(contextAfter(digest, TREATY_STATUS_HEADING)).toBe('6 signatories, 4 parties; 36 ratifications to go');
      expect(digest.summary).toContain('8 stories');
    }
    expect(listPosts(db, loud.id).filter((p) => p.kind === 'alert')).toHaveLength(8);
    expect(listPosts(db, quiet.id).filter((p) => p.kind === 'alert')).toHaveLength(0);

    const asked = answerDigest(db, KNOWLEDGE.concerns, 'since 2d', nowMs);
    expect(listItems(asked, TREATY_STATUS_HEADING)).toHaveLength(8);
    expect(contextAfter(asked, TREATY_STATUS_HEADING)).toBe('6 signatories, 4 parties; 36 ratifications to go');
    db.close();
  });
});
