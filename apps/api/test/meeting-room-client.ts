// Test helpers for the live meeting room: real socket.io clients on /meetings and meetings made straight in the database.
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import * as msgpackParser from 'socket.io-msgpack-parser';
import { MEETING_ROOM_EVENTS, MEETING_ROOM_NAMESPACE, type JoinRoomResult, type RoomError } from '@minga/contracts';
import { waitFor } from './collab-client';
import type { TestApp } from './test-app';

export function roomSocket(url: string, token: string | null): Socket {
  return io(`${url}${MEETING_ROOM_NAMESPACE}`, {
    auth: token ? { token } : {},
    parser: msgpackParser,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
}

/** Emits a room event and resolves with its acknowledgement. */
export function request<T = { ok: boolean; error?: RoomError } & Record<string, unknown>>(
  socket: Socket,
  event: string,
  payload: unknown,
): Promise<T> {
  return waitFor(`ack of ${event}`, (done) => socket.emit(event, payload, done));
}

export function joinRoom(socket: Socket, occurrenceId: string): Promise<JoinRoomResult> {
  return request<JoinRoomResult>(socket, MEETING_ROOM_EVENTS.join, { occurrenceId });
}

/** The next `event` whose payload passes `accept` (every one by default). */
export function nextEvent<T>(socket: Socket, event: string, accept: (payload: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
  return waitFor(
    event,
    (done) => {
      const listener = (payload: T) => {
        if (!accept(payload)) return;
        socket.off(event, listener);
        done(payload);
      };
      socket.on(event, listener);
    },
    timeoutMs,
  );
}

export interface TestMeeting {
  meetingId: string;
  occurrenceId: string;
  agendaIds: string[];
}

/** A meeting of a hub with one occurrence, its agenda and invitees, inserted directly (the meetings API is another suite's). */
export async function createMeeting(
  t: TestApp,
  input: {
    hubId: string;
    organiserId: string;
    inviteeIds: string[];
    startsAt?: Date;
    minutes?: number;
    agenda?: string[];
    cohortId?: string | null;
    title?: string;
  },
): Promise<TestMeeting> {
  const startsAt = input.startsAt ?? new Date(Date.now() - 5 * 60_000);
  const minutes = input.minutes ?? 60;
  const meetingId = randomUUID();
  const occurrenceId = randomUUID();
  await t.db.query(
    `INSERT INTO meetings (id, hub_id, cohort_id, title, organiser_id, time_zone, local_start, duration_minutes)
     VALUES ($1, $2, $3, $4, $5, 'UTC', ($6::timestamptz AT TIME ZONE 'UTC'), $7)`,
    [
      meetingId,
      input.hubId,
      input.cohortId ?? null,
      input.title ?? `Cohort call ${meetingId.slice(0, 6)}`,
      input.organiserId,
      startsAt,
      minutes,
    ],
  );
  await t.db.query(
    `INSERT INTO meeting_occurrences (id, meeting_id, recurrence_id, starts_at, ends_at)
     VALUES ($1, $2, ($3::timestamptz AT TIME ZONE 'UTC'), $3, $3::timestamptz + make_interval(mins => $4))`,
    [occurrenceId, meetingId, startsAt, minutes],
  );
  const agenda = input.agenda ?? ['Welcome', 'Open data portal', 'Next steps'];
  await t.db.query(
    `INSERT INTO meeting_agenda_items (meeting_id, occurrence_id, position, title, duration_minutes)
     SELECT $1, $2, a.n - 1, a.title, 15 FROM unnest($3::text[]) WITH ORDINALITY AS a(title, n) ORDER BY a.n`,
    [meetingId, occurrenceId, agenda],
  );
  if (input.inviteeIds.length) {
    await t.db.query('INSERT INTO meeting_invitees (meeting_id, user_id) SELECT $1, unnest($2::uuid[])', [meetingId, input.inviteeIds]);
  }
  const agendaIds: { id: string }[] = await t.db.query('SELECT id FROM meeting_agenda_items WHERE occurrence_id = $1 ORDER BY position', [
    occurrenceId,
  ]);
  return { meetingId, occurrenceId, agendaIds: agendaIds.map((r) => r.id) };
}
