import type { MatrixEvent, Room } from 'matrix-js-sdk';
import type { CommandContext } from '../../src/chat/chat-adapter.js';
import { parseMatrixCommand } from './parse-matrix-command.js';
import { MODERATOR_POWER_LEVEL, readPowerLevel, type PowerState } from './read-power-level.js';

/** A command found in a room message, ready for the handler. */
export interface RoomCommand {
  text: string;
  ctx: CommandContext;
  /** The event that carried the command, which the reply points at. */
  eventId: string;
}

/**
 * Returns the command carried by a live timeline event, or null for everything we must not answer:
 * our own messages, notices (bots never answer `m.notice`, or two bots would talk forever),
 * emotes and other msgtypes, edits, redacted events, rooms we have not joined, and anything sent
 * before we joined the room (history arriving with the join).
 */
export function readRoomCommand(event: MatrixEvent, room: Room, botUserId: string, adminUserIds: readonly string[]): RoomCommand | null {
  if (event.getType() !== 'm.room.message' || event.isRedacted()) return null;
  const sender = event.getSender();
  const eventId = event.getId();
  if (!sender || sender === botUserId || !eventId) return null;
  const content = event.getContent();
  if (content['msgtype'] !== 'm.text' || typeof content['body'] !== 'string') return null;
  if (event.isRelation('m.replace') || content['m.new_content'] !== undefined) return null;
  if (room.getMyMembership() !== 'join') return null;
  const joinedAtMs = room.currentState.getMember(botUserId)?.events.member?.getTs();
  if (joinedAtMs !== undefined && event.getTs() < joinedAtMs) return null;
  const text = parseMatrixCommand(content['body']);
  if (text === null) return null;
  const isAdmin = adminUserIds.includes(sender) || readPowerLevel(readPowerState(room), sender) >= MODERATOR_POWER_LEVEL;
  return { text, eventId, ctx: { adapter: 'matrix', channel: room.roomId, userId: sender, isAdmin } };
}

function readPowerState(room: Room): PowerState {
  const levels = room.currentState.getStateEvents('m.room.power_levels', '');
  const create = room.currentState.getStateEvents('m.room.create', '');
  return {
    powerLevels: levels ? (levels.getContent() as PowerState['powerLevels']) : undefined,
    create: create ? { sender: create.getSender() ?? '', content: create.getContent() } : undefined,
  };
}
