// What instances tell each other about a live meeting room they all hold, on the cluster bus (see ARCHITECTURE.md).
import type { HandEntry, PresenceEntry } from '@minga/contracts';
import type { PollHeader, PollOptionRow } from './poll-tally';

/**
 * - `presence`: who is present through the sender (sent on every change, every few seconds while anyone is, and
 *   empty when its last one left), with the attendance stays it keeps open for them, which another instance
 *   closes if the sender stops sending (it died);
 * - `hello`: a new holder asks the others for their presence and the hands queue;
 * - `hand`: a hand raised or lowered through the sender (the host giving the floor lowers the first hand);
 *   `hands` the whole queue, for a new holder;
 * - `poll`: a poll opened or closed through the sender; `ballot` a vote it stored (each holder keeps the tallies);
 * - `emit`: an event the sender sent its own participants after storing it (current agenda item, the meeting's
 *   end), for the others' participants and their copy of the room.
 */
export type RoomRelayMessage =
  | { t: 'presence'; from: string; people: PresenceEntry[]; stays: string[] }
  | { t: 'hello'; from: string }
  | { t: 'hand'; from: string; raised: HandEntry | null; lowered: string | null }
  | { t: 'hands'; from: string; queue: HandEntry[] }
  | { t: 'poll'; from: string; header: PollHeader; options: PollOptionRow[] }
  | { t: 'ballot'; from: string; pollId: string; userId: string; optionIds: string[] }
  | { t: 'emit'; from: string; event: string; payload: unknown };

export function roomChannel(occurrenceId: string): string {
  return `room:${occurrenceId}`;
}

export function encodeRoomRelay(message: RoomRelayMessage): Buffer {
  return Buffer.from(JSON.stringify(message));
}

/** Null for anything that is not one of these messages. */
export function decodeRoomRelay(bytes: Buffer): RoomRelayMessage | null {
  try {
    const message = JSON.parse(bytes.toString()) as RoomRelayMessage;
    return typeof message === 'object' && message !== null && typeof message.t === 'string' && typeof message.from === 'string'
      ? message
      : null;
  } catch {
    return null;
  }
}
