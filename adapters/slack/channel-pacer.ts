/** A per-channel pace keeper: hands out send slots at least `intervalMs` apart for each channel. */
export interface ChannelPacer {
  /** Resolves when this channel's next slot has come; concurrent callers get successive slots. */
  wait(channel: string): Promise<void>;
  /** Pushes the channel's next slot at least `ms` into the future (Slack's Retry-After). */
  holdOff(channel: string, ms: number): void;
}

/** Returns a pacer using `now` and `sleep`, so tests can run it on a fake clock. */
export function createChannelPacer(opts: {
  intervalMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}): ChannelPacer {
  const nextSlotAtMs = new Map<string, number>();
  return {
    async wait(channel) {
      const now = opts.now();
      // The slot is reserved before sleeping, so two posts racing for one channel queue up.
      const slot = Math.max(now, nextSlotAtMs.get(channel) ?? 0);
      nextSlotAtMs.set(channel, slot + opts.intervalMs);
      if (nextSlotAtMs.size > 1_000) forgetPast(nextSlotAtMs, now);
      if (slot > now) await opts.sleep(slot - now);
    },
    holdOff(channel, ms) {
      const until = opts.now() + ms;
      nextSlotAtMs.set(channel, Math.max(until, nextSlotAtMs.get(channel) ?? 0));
    },
  };
}

// Channels whose next slot is already past need no entry; keeps the map small on big workspaces.
function forgetPast(slots: Map<string, number>, now: number): void {
  for (const [channel, at] of slots) if (at <= now) slots.delete(channel);
}
