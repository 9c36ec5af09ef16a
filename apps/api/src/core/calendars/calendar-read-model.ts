// What a calendar shows of meetings: each meeting with its occurrences, read in two queries for any number of them.
import type { DataSource } from 'typeorm';
import type { MeetingStatus } from '@minga/contracts';
import type { MeetingRow } from '../meetings/meeting-read-model';

/** A meeting as a calendar shows it: the columns of its row it needs, and its occurrences. */
export interface CalendarMeeting extends Pick<
  MeetingRow,
  | 'id'
  | 'hub_id'
  | 'organiser_id'
  | 'organiser_name'
  | 'title'
  | 'description'
  | 'time_zone'
  | 'local_start'
  | 'duration_minutes'
  | 'rrule'
  | 'online_url'
  | 'place'
  | 'sequence'
  | 'status'
  | 'cohort_name'
  | 'invited'
  | 'updated_at'
> {
  occurrences: CalendarOccurrence[];
}

export interface CalendarOccurrence {
  id: string;
  recurrence_id: string;
  starts_at: Date;
  ends_at: Date;
  status: MeetingStatus;
  overridden: boolean;
  sequence: number;
}

export type CalendarScope = { meetingId: string } | { inviteeId: string } | { cohortId: string };

/** At most this many meetings in one feed: the latest ones. */
const MAX_FEED_MEETINGS = 500;

/** Meetings of a scope; `invited` is for `viewerId`, so the caller decides links through the policy. */
export async function calendarMeetings(db: DataSource, scope: CalendarScope, viewerId: string): Promise<CalendarMeeting[]> {
  const [where, value] =
    'meetingId' in scope
      ? ['m.id = $2', scope.meetingId]
      : 'cohortId' in scope
        ? ['m.cohort_id = $2', scope.cohortId]
        : ['m.id IN (SELECT mi.meeting_id FROM meeting_invitees mi WHERE mi.user_id = $2)', scope.inviteeId];
  const meetings: Omit<CalendarMeeting, 'occurrences'>[] = await db.query(
    `SELECT m.id, m.hub_id, m.organiser_id, ou.name AS organiser_name, m.title, m.description, m.time_zone,
            to_char(m.local_start, 'YYYY-MM-DD"T"HH24:MI') AS local_start, m.duration_minutes, m.rrule, m.online_url, m.place,
            m.sequence, m.status, co.name AS cohort_name, m.updated_at,
            EXISTS (SELECT 1 FROM meeting_invitees mi WHERE mi.meeting_id = m.id AND mi.user_id = $1) AS invited
     FROM meetings m JOIN users ou ON ou.id = m.organiser_id LEFT JOIN cohorts co ON co.id = m.cohort_id
     WHERE ${where}
     ORDER BY m.local_start DESC, m.id LIMIT ${MAX_FEED_MEETINGS}`,
    [viewerId, value],
  );
  if (!meetings.length) return [];
  const occurrences: (CalendarOccurrence & { meeting_id: string })[] = await db.query(
    `SELECT o.meeting_id, o.id, to_char(o.recurrence_id, 'YYYY-MM-DD"T"HH24:MI') AS recurrence_id, o.starts_at, o.ends_at,
            o.status, o.overridden, o.sequence
     FROM meeting_occurrences o WHERE o.meeting_id = ANY($1::uuid[]) ORDER BY o.meeting_id, o.starts_at, o.id`,
    [meetings.map((m) => m.id)],
  );
  const byMeeting = new Map<string, CalendarOccurrence[]>();
  for (const { meeting_id, ...o } of occurrences) byMeeting.set(meeting_id, [...(byMeeting.get(meeting_id) ?? []), o]);
  return meetings.map((m) => ({ ...m, occurrences: byMeeting.get(m.id) ?? [] }));
}
