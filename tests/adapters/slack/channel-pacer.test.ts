import { describe, expect, it } from 'vitest';
import { createChannelPacer } from '../../../adapters/slack/channel-pacer.js';

describe('createChannelPacer', () => {
  it('gives concurrent posts to one channel successive slots and leaves other channels alone', async () => {
    const sleeps: number[] = [];
    const pacer = createChannelPacer({ intervalMs: 1_000, now: () => 5_000, sleep: async (ms) => void sleeps.push(ms) });
    await Promise.all([pacer.wait('C1'), pacer.wait('C1'), pacer.wait('C1'), pacer.wait('C2')]);
    expect(sleeps).toEqual([1_000, 2_000]);
  });

  it('holds a channel off for a Retry-After', async () => {
    const sleeps: number[] = [];
    const pacer = createChannelPacer({ intervalMs: 1_000, now: () => 0, sleep: async (ms) => void sleeps.push(ms) });
    pacer.holdOff('C1', 30_000);
    await pacer.wait('C1');
    expect(sleeps).toEqual([30_000]);
  });
});
