import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { MyRsvp, RsvpCounts, RsvpList, RsvpResponse, RsvpResult } from '@minga/contracts';
import { Problem } from '../../platform/common/problem';
import { returning } from '../../platform/database/returning';

/**
 * RSVPs with a capacity and a first-come, first-served waiting list. Every answer locks its occurrence's row, so
 * answers to one occurrence are settled one after another in the database: at capacity 3, ten simultaneous `yes`
 * give exactly three places and seven waiting, and a place freed by a `no` goes to the first one waiting.
 */
@Injectable()
export class RsvpService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async respond(occurrenceId: string, userId: string, response: RsvpResponse): Promise<RsvpResult> {
    await this.db.transaction(async (em) => {
      const [occurrence]: { status: string; meeting_status: string; ended: boolean; capacity: number | null }[] = await em.query(
        `SELECT o.status, m.status AS meeting_status, o.ends_at < now() AS ended, m.capacity
         FROM meeting_occurrences o JOIN meetings m ON m.id = o.meeting_id
         WHERE o.id = $1 FOR UPDATE OF o`,
        [occurrenceId],
      );
      if (!occurrence) throw new Problem('not_found', 'No such meeting occurrence');
      if (occurrence.status === 'cancelled' || occurrence.meeting_status === 'cancelled') throw new Problem('meeting_cancelled');
      if (occurrence.ended) throw new Problem('meeting_over');
      const previous: { response: RsvpResponse; waitlist_position: string | null }[] = await em.query(
        'SELECT response, waitlist_position FROM meeting_rsvps WHERE occurrence_id = $1 AND user_id = $2',
        [occurrenceId, userId],
      );
      const was = previous[0];
      if (was?.response === response) return; // the same answer again keeps one's place
      let waitlisted = false;
      if (response === 'yes') {
        const [{ taken }] = await em.query(
          `SELECT count(*)::int AS taken FROM meeting_rsvps WHERE occurrence_id = $1 AND response = 'yes' AND waitlist_position IS NULL`,
          [occurrenceId],
        );
        waitlisted = occurrence.capacity !== null && taken >= occurrence.capacity;
      }
      await em.query(
        `INSERT INTO meeting_rsvps (occurrence_id, user_id, response, waitlist_position, responded_at)
         VALUES ($1, $2, $3, CASE WHEN $4::boolean THEN nextval('meeting_waitlist_seq') END, now())
         ON CONFLICT (occurrence_id, user_id) DO UPDATE
           SET response = EXCLUDED.response, waitlist_position = EXCLUDED.waitlist_position, responded_at = now()`,
        [occurrenceId, userId, response, waitlisted],
      );
      if (was?.response === 'yes' && was.waitlist_position === null) await this.promote(em, occurrenceId);
    });
    return { rsvp: (await this.mine(occurrenceId, userId)) as MyRsvp, rsvpCounts: await this.counts(occurrenceId) };
  }

  /** Gives free places to the first ones waiting (after a `no`, or when the capacity grows); caller holds the lock. */
  async promote(em: EntityManager, occurrenceId: string): Promise<string[]> {
    const promoted = await returning<{ user_id: string }>(
      em,
      `WITH free AS (
         SELECT CASE WHEN m.capacity IS NULL THEN NULL
                     ELSE greatest(m.capacity - (SELECT count(*) FROM meeting_rsvps r
                                                 WHERE r.occurrence_id = o.id AND r.response = 'yes' AND r.waitlist_position IS NULL), 0) END AS places
         FROM meeting_occurrences o JOIN meetings m ON m.id = o.meeting_id WHERE o.id = $1
       ), next AS (
         SELECT r.user_id FROM meeting_rsvps r, free
         WHERE r.occurrence_id = $1 AND r.waitlist_position IS NOT NULL
         ORDER BY r.waitlist_position
         LIMIT (SELECT places FROM free)
       )
       UPDATE meeting_rsvps r SET waitlist_position = NULL FROM next
       WHERE r.occurrence_id = $1 AND r.user_id = next.user_id
       RETURNING r.user_id`,
      [occurrenceId],
    );
    return promoted.map((p) => p.user_id);
  }

  async mine(occurrenceId: string, userId: string): Promise<MyRsvp | null> {
    const [row]: { response: RsvpResponse; rank: number | null; responded_at: Date }[] = await this.db.query(
      `SELECT r.response, r.responded_at,
              CASE WHEN r.waitlist_position IS NULL THEN NULL
                   ELSE (SELECT count(*)::int FROM meeting_rsvps w WHERE w.occurrence_id = r.occurrence_id
                         AND w.waitlist_position IS NOT NULL AND w.waitlist_position <= r.waitlist_position) END AS rank
       FROM meeting_rsvps r WHERE r.occurrence_id = $1 AND r.user_id = $2`,
      [occurrenceId, userId],
    );
    return row ? { response: row.response, waitlistPosition: row.rank, respondedAt: row.responded_at.toISOString() } : null;
  }

  async counts(occurrenceId: string): Promise<RsvpCounts> {
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE response = 'yes' AND waitlist_position IS NULL)::int AS yes,
              count(*) FILTER (WHERE response = 'no')::int AS no,
              count(*) FILTER (WHERE response = 'maybe')::int AS maybe,
              count(*) FILTER (WHERE waitlist_position IS NOT NULL)::int AS waitlisted
       FROM meeting_rsvps WHERE occurrence_id = $1`,
      [occurrenceId],
    );
    return row;
  }

  /** Who answered what: places first, then the waiting list in order, then maybes and noes. */
  async list(occurrenceId: string): Promise<RsvpList> {
    const rows: { id: string; name: string; response: RsvpResponse; rank: number | null; responded_at: Date }[] = await this.db.query(
      `SELECT u.id, u.name, r.response, r.responded_at,
              CASE WHEN r.waitlist_position IS NULL THEN NULL
                   ELSE row_number() OVER (PARTITION BY r.waitlist_position IS NOT NULL ORDER BY r.waitlist_position)::int END AS rank
       FROM meeting_rsvps r JOIN users u ON u.id = r.user_id
       WHERE r.occurrence_id = $1
       ORDER BY CASE r.response WHEN 'yes' THEN 0 WHEN 'maybe' THEN 2 ELSE 3 END, r.waitlist_position NULLS FIRST, r.responded_at, u.id`,
      [occurrenceId],
    );
    return rows.map((r) => ({
      person: { id: r.id, name: r.name },
      response: r.response,
      waitlistPosition: r.rank,
      respondedAt: r.responded_at.toISOString(),
    }));
  }
}
