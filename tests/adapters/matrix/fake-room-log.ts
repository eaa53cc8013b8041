/**
 * The fake homeserver's memory: rooms as ordered event lists with one global stream position, and
 * the /sync response built from them the way the client-server spec describes (full state and the
 * last few events for a room the user newly sees, only new events afterwards, stripped state for
 * invites).
 */

export interface FakeEvent {
  event_id: string;
  type: string;
  sender: string;
  content: Record<string, unknown>;
  origin_server_ts: number;
  state_key?: string;
  unsigned: Record<string, unknown>;
}

interface LoggedEvent {
  pos: number;
  event: FakeEvent;
}

export class FakeRoomLog {
  private pos = 0;
  private lastTsMs = 0;
  private readonly rooms = new Map<string, LoggedEvent[]>();
  private readonly listeners = new Set<() => void>();

  /** The current stream position (the `next_batch` of an up-to-date sync). */
  position(): number {
    return this.pos;
  }

  hasRoom(roomId: string): boolean {
    return this.rooms.has(roomId);
  }

  /** Appends an event to a room (creating the room) and wakes long-polling syncs; returns it. */
  append(roomId: string, partial: Omit<FakeEvent, 'event_id' | 'origin_server_ts' | 'unsigned'>): FakeEvent {
    this.pos++;
    // Strictly increasing timestamps, so "before" and "after" never tie within a millisecond.
    this.lastTsMs = Math.max(Date.now(), this.lastTsMs + 1);
    const event: FakeEvent = { ...partial, event_id: `$ev${this.pos}`, origin_server_ts: this.lastTsMs, unsigned: {} };
    const events = this.rooms.get(roomId) ?? [];
    events.push({ pos: this.pos, event });
    this.rooms.set(roomId, events);
    for (const listener of [...this.listeners]) listener();
    return event;
  }

  /** Returns every event of a room, oldest first. */
  events(roomId: string): FakeEvent[] {
    return (this.rooms.get(roomId) ?? []).map((e) => e.event);
  }

  /** Returns a user's current membership in a room and the position of the event that set it. */
  membership(roomId: string, userId: string): { membership: string; pos: number } | null {
    const events = this.rooms.get(roomId) ?? [];
    for (let i = events.length - 1; i >= 0; i--) {
      const { pos, event } = events[i]!;
      if (event.type === 'm.room.member' && event.state_key === userId) return { membership: String(event.content['membership']), pos };
    }
    return null;
  }

  /** Resolves when the log moves past `since` or after `timeoutMs`; `signal` cancels the wait. */
  waitForChange(since: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (this.pos > since || timeoutMs <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.listeners.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.listeners.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Returns a /sync response for `userId` covering (since, now]; a missing `since` is an initial sync. */
  buildSync(userId: string, since: number | undefined, timelineLimit: number): Record<string, unknown> {
    const join: Record<string, unknown> = {};
    const invite: Record<string, unknown> = {};
    for (const [roomId, events] of this.rooms) {
      const own = this.membership(roomId, userId);
      if (!own) continue;
      const isNew = since === undefined || own.pos > since;
      if (own.membership === 'join') {
        join[roomId] = isNew ? this.fullRoom(events, timelineLimit) : this.roomSince(events, since);
      } else if (own.membership === 'invite' && isNew) {
        invite[roomId] = { invite_state: { events: this.strippedState(events) } };
      }
    }
    for (const key of Object.keys(join)) if (join[key] === null) delete join[key];
    return {
      next_batch: String(this.pos),
      rooms: { join, invite, leave: {} },
      account_data: { events: [] },
      presence: { events: [] },
      to_device: { events: [] },
    };
  }

  private fullRoom(events: LoggedEvent[], limit: number): Record<string, unknown> {
    const timeline = events.slice(-Math.max(1, limit));
    const firstPos = timeline[0]?.pos ?? Infinity;
    return {
      timeline: { events: timeline.map((e) => e.event), limited: timeline.length < events.length, prev_batch: `p${firstPos}` },
      state: { events: currentState(events.filter((e) => e.pos < firstPos)) },
      ephemeral: { events: [] },
      account_data: { events: [] },
      unread_notifications: { highlight_count: 0, notification_count: 0 },
    };
  }

  private roomSince(events: LoggedEvent[], since: number | undefined): Record<string, unknown> | null {
    const fresh = events.filter((e) => since === undefined || e.pos > since);
    if (fresh.length === 0) return null;
    return {
      timeline: { events: fresh.map((e) => e.event), limited: false, prev_batch: `p${fresh[0]!.pos}` },
      state: { events: [] },
      ephemeral: { events: [] },
      account_data: { events: [] },
    };
  }

  // Stripped state (spec: type, state_key, sender, content) of the events that describe the room.
  private strippedState(events: LoggedEvent[]): Record<string, unknown>[] {
    return currentState(events)
      .filter((e) => ['m.room.create', 'm.room.name', 'm.room.join_rules', 'm.room.member'].includes(e.type))
      .map(({ type, state_key, sender, content }) => ({ type, state_key, sender, content }));
  }
}

function currentState(events: LoggedEvent[]): FakeEvent[] {
  const state = new Map<string, FakeEvent>();
  for (const { event } of events) if (event.state_key !== undefined) state.set(`${event.type}\u0000${event.state_key}`, event);
  return [...state.values()];
}
