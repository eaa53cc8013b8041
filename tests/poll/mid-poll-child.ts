/**
 * A child program for the crash test: polls every enabled source of the database once, with the
 * real poll (fetch, parse, store in chunks, tag and route), and exits. The test kills it part-way.
 */
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { silentLogger } from '../../src/log.js';
import { pollSources } from '../../src/poll/poll-sources.js';
import { openDatabase } from '../../src/store/db.js';

const db = openDatabase(process.argv[2]!);
await pollSources({ db, knowledge: loadKnowledge(), log: silentLogger, now: Date.now }, { force: true });
db.close();
