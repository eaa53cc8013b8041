/** The power level at which a member counts as a room moderator (and so as a bot admin). */
export const MODERATOR_POWER_LEVEL = 50;

/** The parts of a room's state that decide a member's power. */
export interface PowerState {
  /** Content of `m.room.power_levels`, if the room has one. */
  powerLevels?: { users?: Record<string, unknown>; users_default?: unknown } | undefined;
  /** Sender and content of `m.room.create`. */
  create?: { sender: string; content: { room_version?: unknown; additional_creators?: unknown } } | undefined;
}

/**
 * Returns a user's power level in a room per the client-server spec: the `users` entry, else
 * `users_default`, else 0; without a power-levels event the creator has 100. From room version 12
 * the creators outrank everyone (Infinity) and are never listed in `users`.
 */
export function readPowerLevel(state: PowerState, userId: string): number {
  if (state.create && isCreator(state.create, userId)) return Infinity;
  const levels = state.powerLevels;
  if (!levels) return state.create?.sender === userId ? 100 : 0;
  const own = toLevel(levels.users?.[userId]);
  return own ?? toLevel(levels.users_default) ?? 0;
}

function isCreator(create: NonNullable<PowerState['create']>, userId: string): boolean {
  const version = Number(create.content.room_version);
  if (!Number.isInteger(version) || version < 12) return false;
  const extra = Array.isArray(create.content.additional_creators) ? create.content.additional_creators : [];
  return create.sender === userId || extra.includes(userId);
}

// Old rooms may carry levels as strings ("50"); anything else is ignored.
function toLevel(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return null;
}
