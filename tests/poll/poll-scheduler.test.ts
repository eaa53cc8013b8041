import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { startPollScheduler } from '../../src/poll/poll-scheduler.js';

describe('startPollScheduler', () => {
  it('never runs two ticks at once: a tick asked for while one runs joins it', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    let release: () => void = () => {};
    const scheduler = startPollScheduler({
      log: silentLogger,
      cronExpr: '0 0 1 1 *', // never fires during the test; runNow drives it
      tick: async () => {
        runs++;
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise<void>((resolve) => (release = resolve));
        running--;
      },
    });
    const first = scheduler.runNow();
    const second = scheduler.runNow();
    release();
    await Promise.all([first, second]);
    expect(runs).toBe(1);
    expect(maxRunning).toBe(1);
    const third = scheduler.runNow();
    release();
    await third;
    expect(runs).toBe(2);
    await scheduler.stop();
    expect(scheduler.isRunning()).toBe(false);
  });

  it('keeps going after a tick throws', async () => {
    let runs = 0;
    const scheduler = startPollScheduler({
      log: silentLogger,
      cronExpr: '0 0 1 1 *',
      tick: async () => {
        runs++;
        throw new Error('boom');
      },
    });
    await scheduler.runNow();
    await scheduler.runNow();
    expect(runs).toBe(2);
    await scheduler.stop();
  });
});
