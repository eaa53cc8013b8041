import { describeError, type Logger } from '../log.js';
import type { Db } from '../store/db.js';
import type { ChatAdapter } from '../chat/chat-adapter.js';
import type { Knowledge } from '../knowledge/load-knowledge.js';
import { composeDuePosts, type ComposeOptions } from './compose-due.js';
import { deliverPending, POST_PACE_MS, type Pacer } from './deliver-pending.js';

/** How often due digests and wrap-ups are looked for (their times are on the subscription rows). */
export const COMPOSE_TICK_MS = 60_000;

/** The running worker: `poke` sends what is queued now (after a poll), `stop` waits for the current pass. */
export interface DeliveryWorker {
  poke(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the delivery loop: every POST_PACE_MS it sends due posts (paced per channel), and every
 * COMPOSE_TICK_MS it composes due digests and wrap-ups first. Passes never overlap.
 */
export function startDeliveryWorker(deps: {
  db: Db;
  /** The calendar (session wrap-ups) and the concern taxonomy (digest groups). */
  knowledge: Pick<Knowledge, 'calendar' | 'concerns'>;
  adapters: ReadonlyMap<string, ChatAdapter>;
  log: Logger;
  now: () => number;
  deliverEveryMs?: number;
  composeEveryMs?: number;
  /** Tracker link and weekly picture for composed digests. */
  compose?: ComposeOptions;
}): DeliveryWorker {
  const pacer: Pacer = new Map();
  let lastComposeMs = -Infinity;
  let running: Promise<void> | null = null;
  let stopped = false;

  const pass = async (): Promise<void> => {
    const nowMs = deps.now();
    if (nowMs - lastComposeMs >= (deps.composeEveryMs ?? COMPOSE_TICK_MS)) {
      lastComposeMs = nowMs;
      const queued = composeDuePosts(deps.db, deps.knowledge, nowMs, deps.compose);
      if (queued > 0) deps.log.info('posts composed', { posts: queued });
    }
    await deliverPending({ db: deps.db, adapters: deps.adapters, log: deps.log, now: deps.now }, pacer);
  };
  const run = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    running ??= pass()
      .catch((err) => deps.log.error('delivery pass failed', { error: describeError(err) }))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void run(), deps.deliverEveryMs ?? POST_PACE_MS);
  timer.unref?.();
  void run();
  return {
    poke: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
    },
  };
}
