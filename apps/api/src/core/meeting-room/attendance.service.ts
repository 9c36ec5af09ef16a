import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AttendanceReport, Attendee, OccurrenceContext, Role } from '@minga/contracts';
import { minutesPresent } from './attendance-intervals';
import { oneRow } from '../../platform/database/one-row';

interface AttendeeRow {
  user_id: string;
  name: string;
  city_id: string | null;
  city_name: string | null;
  member_role: Role | null;
  hosted: boolean;
  stays: { joined_at: string; left_at: string | null }[];
}

/** Each person's city (an official's) and most specific role, as the presence list shows them. */
const PERSON_FACTS = `
  LEFT JOIN LATERAL (
    SELECT ra.role, ra.city_id FROM role_assignments ra WHERE ra.user_id = u.id
    ORDER BY array_position(ARRAY['official', 'expert', 'coordinator', 'admin', 'observer']::varchar[], ra.role::varchar), ra.city_id NULLS LAST
    LIMIT 1
  ) r ON true
  LEFT JOIN cities c ON c.id = r.city_id`;

/** The attendance report of an occurrence, from the stays the live room recorded (two queries whatever the size). */
@Injectable()
export class AttendanceService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async report(ctx: OccurrenceContext, now = new Date()): Promise<AttendanceReport> {
    const occurrenceId = ctx.occurrence.id;
    const rows: AttendeeRow[] = await this.db.query(
      `SELECT u.id AS user_id, u.name, c.id AS city_id, c.name AS city_name, r.role AS member_role, a.hosted, a.stays
       FROM (SELECT user_id, bool_or(room_role = 'host') AS hosted,
                    json_agg(json_build_object('joined_at', joined_at, 'left_at', left_at) ORDER BY joined_at) AS stays
             FROM meeting_attendance WHERE occurrence_id = $1 GROUP BY user_id) a
       JOIN users u ON u.id = a.user_id
       ${PERSON_FACTS}`,
      [occurrenceId],
    );
    const attended = new Set(rows.map((r) => r.user_id));
    const absentIds = ctx.inviteeIds.filter((id) => !attended.has(id));
    const absent: { user_id: string; name: string; city_id: string | null; city_name: string | null }[] = absentIds.length
      ? await this.db.query(
          `SELECT u.id AS user_id, u.name, c.id AS city_id, c.name AS city_name FROM users u ${PERSON_FACTS} WHERE u.id = ANY($1::uuid[])`,
          [absentIds],
        )
      : [];

    const attendees: Attendee[] = rows.map((row) => {
      const stays = row.stays.map((s) => ({ joinedAt: new Date(s.joined_at), leftAt: s.left_at ? new Date(s.left_at) : null }));
      const open = stays.some((s) => s.leftAt === null);
      const lastLeft = open ? null : new Date(Math.max(...stays.map((s) => (s.leftAt as Date).getTime())));
      return {
        user: { id: row.user_id, name: row.name },
        city: row.city_id ? { id: row.city_id, name: row.city_name ?? '' } : null,
        memberRole: row.member_role,
        role: row.hosted ? 'host' : 'participant',
        // A group of json_agg has at least one row.
        firstJoinedAt: oneRow(stays, 'the stays of an attendee').joinedAt.toISOString(),
        lastLeftAt: lastLeft ? lastLeft.toISOString() : null,
        minutesPresent: minutesPresent(stays, now),
        stays: stays.length,
      };
    });
    const byCityThenName = <T extends { user: { name: string; id: string }; city: { name: string } | null }>(a: T, b: T) =>
      (a.city ? 0 : 1) - (b.city ? 0 : 1) ||
      (a.city?.name ?? '').localeCompare(b.city?.name ?? '') ||
      a.user.name.localeCompare(b.user.name) ||
      a.user.id.localeCompare(b.user.id);
    return {
      occurrenceId,
      startsAt: ctx.occurrence.startsAt,
      endsAt: ctx.occurrence.endsAt,
      attendees: attendees.sort(byCityThenName),
      absent: absent
        .map((p) => ({ user: { id: p.user_id, name: p.name }, city: p.city_id ? { id: p.city_id, name: p.city_name ?? '' } : null }))
        .sort(byCityThenName),
    };
  }
}
