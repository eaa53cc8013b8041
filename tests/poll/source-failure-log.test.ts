import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { pollSources } from '../../src/poll/poll-sources.js';
import { openDatabase } from '../../src/store/db.js';
import { getSource, syncConfiguredSources } from '../../src/store/sources-store.js';
import { conditionalRoute, rssFeed, startFixtureServer } from '../helpers/fixture-server.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

describe('source failure and recovery log', () => {
  it('says a failure streak starts and ends at info, once each, and stays quiet in between', async () => {
    let up = false;
    const feed = conditionalRoute(() => rssFeed([['f1', 'Convention news', 'x']]));
    const server = await startFixtureServer({
      '/flaky.xml': (req, res) => (up ? feed(req, res) : void res.writeHead(503).end('down')),
    });
    const db = openDatabase(':memory:');
    syncConfiguredSources(db, [{ id: 'flaky', name: 'Flaky', publisher: 'x', kind: 'feed', url: server.url('/flaky.xml'), intervalMs: 600_000 }], 'operator', 0);
    const lines: { level: string; msg: string; source_id?: string; failed_polls?: number }[] = [];
    const log = createLogger({ level: 'info', write: (l) => lines.push(JSON.parse(l)) });
    const clock = { now: Date.UTC(2026, 0, 1) };
    const deps = { db, knowledge: KNOWLEDGE, log, now: () => clock.now, fetchOptions: { allowPrivateAddresses: true, timeoutMs: 3_000 } };
    try {
      // A 503 is transient: only the third in a row is worth a warning (shouldReportError).
      for (let i = 0; i < 2; i++) {
        await pollSources(deps, { force: true });
        clock.now = getSource(db, 'flaky')!.nextCheckAtMs;
      }
      expect(lines.map((l) => [l.level, l.msg])).toEqual([['info', 'source failed']]);
      up = true;
      await pollSources(deps, { force: true });
      expect(lines.filter((l) => l.msg === 'source recovered')).toEqual([expect.objectContaining({ level: 'info', source_id: 'flaky', failed_polls: 2 })]);
      clock.now += 3_600_000;
      await pollSources(deps, { force: true });
      expect(lines.filter((l) => l.msg === 'source recovered')).toHaveLength(1);
    } finally {
      db.close();
      await server.close();
    }
  });
});
