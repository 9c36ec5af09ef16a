// The SQL that reads meetings, occurrences and agendas with everything the contracts show, one query per list.
import type { AgendaItem, Meeting, MeetingStatus, Occurrence, RsvpCounts, RsvpResponse } from '@minga/contracts';

/** Wall-clock text of a `timestamp` column (or of an instant in a zone): `YYYY-MM-DDTHH:mm`. */
export const localText = (expr: string) => `to_char(${expr}, 'YYYY-MM-DD"T"HH24:MI')`;

/** Agenda items as JSON, ordered; `where` picks the template (occurrence_id IS NULL) or one occurrence's. */
export const agendaJson = (where: string) => `
  COALESCE((SELECT json_agg(json_build_object(
             'id', ai.id, 'position', ai.position, 'title', ai.title, 'durationMinutes', ai.duration_minutes,
             'presenter', CASE WHEN pu.id IS NULL THEN NULL ELSE json_build_object('id', pu.id, 'name', pu.name) END,
             'draft', CASE WHEN ad.id IS NULL THEN NULL ELSE json_build_object('id', ad.id, 'title', ad.title) END,
             'draftSection', ai.draft_section) ORDER BY ai.position, ai.id)
            FROM meeting_agenda_items ai
            LEFT JOIN users pu ON pu.id = ai.presenter_id
            LEFT JOIN drafts ad ON ad.id = ai.draft_id
            WHERE ${where}), '[]'::json)`;

/**
 * A row of the `meetings` table: the one description of its columns, for every query that reads or writes them.
 * `local_start` (a `timestamp`) is read as wall-clock text by `localText` and written as such text.
 */
export type MeetingsTableRow = {
  id: string;
  hub_id: string;
  cohort_id: string | null;
  title: string;
  description: string;
  organiser_id: string;
  time_zone: string;
  local_start: string;
  duration_minutes: number;
  rrule: string | null;
  online_url: string | null;
  place: string | null;
  capacity: number | null;
  draft_id: string | null;
  sequence: number;
  status: MeetingStatus;
  created_at: Date;
  updated_at: Date;
};

/** A meeting as `SELECT_MEETINGS` reads it: its row and what is joined to it. */
export interface MeetingRow extends MeetingsTableRow {
  hub_name: string;
  cohort_name: string | null;
  organiser_name: string;
  draft_title: string | null;
  agenda: AgendaItem[];
  invited: boolean;
  invitee_count: number;
  occurrence_count: number;
}

/** `$1` is the viewer's id. */
export const SELECT_MEETINGS = `
  SELECT m.id, m.hub_id, h.name AS hub_name, m.cohort_id, co.name AS cohort_name, m.title, m.description,
         m.organiser_id, ou.name AS organiser_name, m.time_zone, ${localText('m.local_start')} AS local_start,
         m.duration_minutes, m.rrule, m.online_url, m.place, m.capacity, m.draft_id, d.title AS draft_title,
         m.sequence, m.status, m.created_at, m.updated_at,
         ${agendaJson('ai.meeting_id = m.id AND ai.occurrence_id IS NULL')} AS agenda,
         EXISTS (SELECT 1 FROM meeting_invitees mi WHERE mi.meeting_id = m.id AND mi.user_id = $1) AS invited,
         (SELECT count(*)::int FROM meeting_invitees mi WHERE mi.meeting_id = m.id) AS invitee_count,
         (SELECT count(*)::int FROM meeting_occurrences o WHERE o.meeting_id = m.id) AS occurrence_count
  FROM meetings m
  JOIN hubs h ON h.id = m.hub_id
  JOIN users ou ON ou.id = m.organiser_id
  LEFT JOIN cohorts co ON co.id = m.cohort_id
  LEFT JOIN drafts d ON d.id = m.draft_id`;

/** `mayAttend` decides the join link; `mayManage` is `update` on the meeting. */
export function toMeeting(row: MeetingRow, mayAttend: boolean, mayManage: boolean): Meeting {
  return {
    id: row.id,
    hubId: row.hub_id,
    hubName: row.hub_name,
    cohort: row.cohort_id ? { id: row.cohort_id, name: row.cohort_name ?? '' } : null,
    title: row.title,
    description: row.description,
    organiser: { id: row.organiser_id, name: row.organiser_name },
    timeZone: row.time_zone,
    localStart: row.local_start,
    durationMinutes: row.duration_minutes,
    rrule: row.rrule,
    onlineUrl: mayAttend ? row.online_url : null,
    place: row.place,
    capacity: row.capacity,
    draft: row.draft_id ? { id: row.draft_id, title: row.draft_title ?? '' } : null,
    sequence: row.sequence,
    status: row.status,
    agenda: row.agenda,
    invited: row.invited,
    canManage: mayManage,
    inviteeCount: row.invitee_count,
    occurrenceCount: row.occurrence_count,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export interface OccurrenceRow {
  id: string;
  meeting_id: string;
  title: string;
  hub_id: string;
  cohort_id: string | null;
  cohort_name: string | null;
  organiser_id: string;
  organiser_name: string;
  time_zone: string;
  local_start: string;
  recurrence_id: string;
  starts_at: Date;
  ends_at: Date;
  status: MeetingStatus;
  overridden: boolean;
  own_agenda: boolean;
  sequence: number;
  online_url: string | null;
  place: string | null;
  capacity: number | null;
  invited: boolean;
  counts: RsvpCounts;
  my_response: RsvpResponse | null;
  my_waitlist_rank: number | null;
  my_responded_at: Date | null;
  start_key: string;
}

/** `$1` is the viewer's id. An occurrence of a cancelled meeting is cancelled too. */
export const SELECT_OCCURRENCES = `
  SELECT o.id, o.meeting_id, m.title, m.hub_id, m.cohort_id, co.name AS cohort_name, m.organiser_id,
         ou.name AS organiser_name, m.time_zone,
         ${localText('o.starts_at AT TIME ZONE m.time_zone')} AS local_start, ${localText('o.recurrence_id')} AS recurrence_id,
         o.starts_at, o.ends_at, CASE WHEN m.status = 'cancelled' THEN 'cancelled' ELSE o.status END AS status,
         o.overridden, o.own_agenda, o.sequence, m.online_url, m.place, m.capacity,
         to_char(o.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS start_key,
         EXISTS (SELECT 1 FROM meeting_invitees mi WHERE mi.meeting_id = m.id AND mi.user_id = $1) AS invited,
         rc.counts, my.response AS my_response, my.responded_at AS my_responded_at,
         CASE WHEN my.waitlist_position IS NULL THEN NULL
              ELSE (SELECT count(*)::int FROM meeting_rsvps w
                    WHERE w.occurrence_id = o.id AND w.waitlist_position IS NOT NULL AND w.waitlist_position <= my.waitlist_position) END
           AS my_waitlist_rank
  FROM meeting_occurrences o
  JOIN meetings m ON m.id = o.meeting_id
  JOIN users ou ON ou.id = m.organiser_id
  LEFT JOIN cohorts co ON co.id = m.cohort_id
  LEFT JOIN meeting_rsvps my ON my.occurrence_id = o.id AND my.user_id = $1
  CROSS JOIN LATERAL (
    SELECT json_build_object(
             'yes', count(*) FILTER (WHERE r.response = 'yes' AND r.waitlist_position IS NULL),
             'no', count(*) FILTER (WHERE r.response = 'no'),
             'maybe', count(*) FILTER (WHERE r.response = 'maybe'),
             'waitlisted', count(*) FILTER (WHERE r.waitlist_position IS NOT NULL)) AS counts
    FROM meeting_rsvps r WHERE r.occurrence_id = o.id
  ) rc`;

export function toOccurrence(row: OccurrenceRow, mayAttend: boolean, mayManage: boolean): Occurrence {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    title: row.title,
    hubId: row.hub_id,
    cohort: row.cohort_id ? { id: row.cohort_id, name: row.cohort_name ?? '' } : null,
    organiser: { id: row.organiser_id, name: row.organiser_name },
    timeZone: row.time_zone,
    localStart: row.local_start,
    recurrenceId: row.recurrence_id,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    status: row.status,
    overridden: row.overridden,
    sequence: row.sequence,
    onlineUrl: mayAttend ? row.online_url : null,
    place: row.place,
    capacity: row.capacity,
    invited: row.invited,
    canManage: mayManage,
    rsvpCounts: row.counts,
    myRsvp: row.my_response
      ? { response: row.my_response, waitlistPosition: row.my_waitlist_rank, respondedAt: (row.my_responded_at as Date).toISOString() }
      : null,
  };
}
