import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { InviteeList } from '@minga/contracts';
import { Problem } from '../../platform/common/problem';

/** Who is invited to a meeting, and what each answered to one of its occurrences. */
@Injectable()
export class MeetingInviteesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The answers read are those to `occurrenceId` (404 unless it is this meeting's) or else to the next upcoming occurrence. */
  async list(meetingId: string, occurrenceId?: string): Promise<InviteeList> {
    const target = occurrenceId ? await this.ownOccurrence(meetingId, occurrenceId) : await this.nextOccurrence(meetingId);
    const rows: {
      id: string;
      name: string;
      role: InviteeList['invitees'][number]['role'];
      city: { id: string; name: string } | null;
      response: InviteeList['invitees'][number]['response'];
      waitlist_position: string | null;
    }[] = await this.db.query(
      // The role shown is the one that brought the person to this meeting: an official of one of the cohort's
      // cities (or of the hub's), then a coordinator of the hub, then any other role they hold.
      `SELECT u.id, u.name, ra.role, ra.city, r.response, r.waitlist_position
       FROM meeting_invitees mi
       JOIN meetings m ON m.id = mi.meeting_id
       JOIN users u ON u.id = mi.user_id
       LEFT JOIN meeting_rsvps r ON r.occurrence_id = $2 AND r.user_id = mi.user_id
       LEFT JOIN LATERAL (
         SELECT a.role::text AS role,
                CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object('id', c.id, 'name', c.name) END AS city
         FROM role_assignments a LEFT JOIN cities c ON c.id = a.city_id
         WHERE a.user_id = mi.user_id
         ORDER BY (a.city_id IN (SELECT cc.city_id FROM cohort_cities cc WHERE cc.cohort_id = m.cohort_id)) IS TRUE DESC,
                  (a.hub_id = m.hub_id OR c.hub_id = m.hub_id) IS TRUE DESC,
                  array_position(ARRAY['official', 'coordinator', 'expert', 'admin', 'observer'], a.role::text), c.name
         LIMIT 1
       ) ra ON true
       WHERE mi.meeting_id = $1
       ORDER BY u.name, u.id`,
      [meetingId, target],
    );
    return {
      occurrenceId: target,
      invitees: rows.map((r) => ({
        person: { id: r.id, name: r.name },
        role: r.role,
        city: r.role === 'official' ? r.city : null,
        response: r.response,
        waitlistPosition: r.waitlist_position === null ? null : Number(r.waitlist_position),
      })),
    };
  }

  private async ownOccurrence(meetingId: string, occurrenceId: string): Promise<string> {
    const rows = await this.db.query('SELECT 1 FROM meeting_occurrences WHERE id = $1 AND meeting_id = $2', [occurrenceId, meetingId]);
    if (!rows.length) throw new Problem('not_found', 'No such occurrence of this meeting');
    return occurrenceId;
  }

  private async nextOccurrence(meetingId: string): Promise<string | null> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM meeting_occurrences WHERE meeting_id = $1 AND status = 'scheduled' AND ends_at > now()
       ORDER BY starts_at, id LIMIT 1`,
      [meetingId],
    );
    return rows[0]?.id ?? null;
  }
}
