import cron from 'node-cron';
import { describeError, type Logger } from '../log.js';

/** How often the scheduler looks for due sources (node-cron, with a seconds field). */
export const POLL_TICK_CRON = '*/30 * * * * *';

export interface PollScheduler {
  /** Runs one tick now, unless one is already running (then waits for that one). */
  runNow(): Promise<void>;
  stop(): Promise<void>;
  isRunning(): boolean;
}

/**
 * Starts a cron task whose every tick runs `tick` (poll the due sources). Ticks never overlap: a
 * tick that comes while the previous one is still polling is skipped. Due-ness lives on the
 * database rows, so the tick itself holds no schedule.
 */
export function startPollScheduler(opts: { tick: () => Promise<unknown>; log: Logger; cronExpr?: string }): PollScheduler {
  let current: Promise<void> | null = null;
  let stopped = false;
  const run = (): Promise<void> => {
    if (current) {
      opts.log.debug('poll tick skipped', { reason: 'previous tick still running' });
      return current;
    }
    current = (async () => {
      try {
        await opts.tick();
      } catch (err) {
        opts.log.error('poll tick failed', { error: describeError(err) });
      } finally {
        current = null;
      }
    })();
    return current;
  };
  const task = cron.schedule(opts.cronExpr ?? POLL_TICK_CRON, () => (stopped ? undefined : run()), { noOverlap: true, name: 'poll' });
  return {
    runNow: run,
    isRunning: () => !stopped,
    async stop() {
      stopped = true;
      await task.stop();
      await task.destroy();
      if (current) await current;
    },
  };
}
