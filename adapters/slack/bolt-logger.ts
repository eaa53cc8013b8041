import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/log.js';

/**
 * Returns a Bolt/Web API logger that writes into our JSON log. Bolt's info lines (connects,
 * reconnects) go to debug: they are chatty, and our adapter logs the events that matter itself.
 */
export function createBoltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  let name = 'bolt';
  const detail = (msgs: unknown[]) => ({ component: name, detail: msgs.map(String).join(' ') });
  return {
    debug: (...msgs) => log.debug('slack library', detail(msgs)),
    info: (...msgs) => log.debug('slack library', detail(msgs)),
    warn: (...msgs) => log.warn('slack library', detail(msgs)),
    error: (...msgs) => log.error('slack library', detail(msgs)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      name = next;
    },
  };
}
