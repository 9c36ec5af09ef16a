import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { AccessChanges, type RoleChange } from '../../platform/access/access-changes';
import { cohortMembersSql, hubMembersSql } from '../cohorts/cohort-members';
import { NotificationsService } from '../notifications/notifications.service';

/**
 * Invitations follow roles as they follow cohort edits: a person who becomes an official of a member city (or a
 * coordinator of the hub, or for hub-wide meetings an expert of it) is invited to the meetings still to come that
 * their new role makes them a member of, and told once, about the soonest. One who loses the role that made them a member
 * is uninvited, unless they organise the meeting or answered one of its upcoming occurrences (their answer, and
 * so their invitation, is kept). Past meetings keep who was invited then. Experts join cohorts by name, not by role.
 */
@Injectable()
export class InviteesFollowRoles implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('InviteesFollowRoles');
  private subscription: Subscription | null = null;
  /** The change being applied, so tests and shutdown can wait for it. */
  private work: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly accessChanges: AccessChanges,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.subscription = this.accessChanges.roleChanged$.subscribe((change) => {
      // One change after another: a grant and its quick revocation must not cross.
      this.work = this.work
        .then(() => this.follow(change))
        .catch((err: unknown) => this.logger.error(`Following a role change failed: ${String(err)}`));
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.subscription?.unsubscribe();
    await this.work;
  }

  /** Resolves once every role change announced so far is reflected in invitations. */
  settled(): Promise<void> {
    return this.work;
  }

  private async follow(change: RoleChange): Promise<void> {
    if (change.role !== 'official' && change.role !== 'coordinator' && change.role !== 'expert') return;
    const granted = change.change === 'granted';
    // Meetings with an occurrence still to come whose members the role affects, and where the person is now a
    // member through nothing else (when granted: not counting the new role; when revoked: at all).
    const affected = `
      SELECT m.id, m.organiser_id,
             (SELECT o.id FROM meeting_occurrences o WHERE o.meeting_id = m.id AND o.status = 'scheduled' AND o.ends_at > now()
              ORDER BY o.starts_at, o.id LIMIT 1) AS next_id
      FROM meetings m
      WHERE m.status = 'scheduled'
        -- Each branch reads an index (meetings by cohort, meetings by hub).
        AND m.id IN (
          SELECT c.id FROM meetings c
          WHERE $2 = 'official' AND c.cohort_id IN (SELECT cc.cohort_id FROM cohort_cities cc WHERE cc.city_id = $3::uuid)
          UNION ALL
          SELECT c.id FROM meetings c
          WHERE $2 = 'coordinator' AND c.cohort_id IN (SELECT co.id FROM cohorts co WHERE co.hub_id = $4::uuid)
          UNION ALL
          SELECT h.id FROM meetings h
          WHERE h.cohort_id IS NULL
            AND h.hub_id = CASE WHEN $2 = 'official' THEN (SELECT city.hub_id FROM cities city WHERE city.id = $3::uuid)
                                WHEN $2 IN ('coordinator', 'expert') THEN $4::uuid END)
        AND NOT EXISTS (
          SELECT 1 FROM (${cohortMembersSql('m.cohort_id')}) mm
          WHERE m.cohort_id IS NOT NULL AND mm.user_id = $1 AND NOT ($5 AND mm.role = $2 AND mm.city_id IS NOT DISTINCT FROM $3::uuid))
        AND NOT EXISTS (
          SELECT 1 FROM (${hubMembersSql('m.hub_id')}) mm
          WHERE m.cohort_id IS NULL AND mm.user_id = $1 AND NOT ($5 AND mm.role = $2 AND mm.city_id IS NOT DISTINCT FROM $3::uuid))`;
    const params = [change.userId, change.role, change.cityId, change.hubId, granted];
    if (!granted) {
      await this.db.query(
        `DELETE FROM meeting_invitees mi USING (${affected}) m
         WHERE m.next_id IS NOT NULL AND mi.meeting_id = m.id AND mi.user_id = $1 AND m.organiser_id <> $1
           AND NOT EXISTS (SELECT 1 FROM meeting_rsvps r JOIN meeting_occurrences o ON o.id = r.occurrence_id
                           WHERE o.meeting_id = m.id AND r.user_id = $1 AND o.ends_at > now())`,
        params,
      );
      // The room and the notes re-decided this person's access on the role change itself, maybe before this commit.
      this.accessChanges.publish(change.userId);
      return;
    }
    const invited: { occurrence_id: string; organiser_id: string }[] = await this.db.query(
      `WITH m AS (${affected}),
       ins AS (INSERT INTO meeting_invitees (meeting_id, user_id) SELECT m.id, $1 FROM m WHERE m.next_id IS NOT NULL
               ON CONFLICT DO NOTHING RETURNING meeting_id)
       SELECT m.next_id AS occurrence_id, m.organiser_id
       FROM ins JOIN m ON m.id = ins.meeting_id JOIN meeting_occurrences o ON o.id = m.next_id
       ORDER BY o.starts_at, o.id`,
      params,
    );
    // One notice, pointing at the soonest occurrence they were invited to (as for a cohort edit).
    await this.notifications.notify(
      invited.slice(0, 1).map((row) => ({
        userId: change.userId,
        kind: 'meeting_invited' as const,
        occurrenceId: row.occurrence_id,
        actorId: row.organiser_id,
      })),
    );
  }
}
