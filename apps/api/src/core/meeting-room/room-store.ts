import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CityRef, CurrentAgendaItem, OpenPoll, Poll, Role, RoomRole } from '@minga/contracts';
import type { Principal } from '@minga/access';
import { returning } from '../../platform/database/returning';
import { PollTally, type PollHeader } from './poll-tally';
import { oneRow } from '../../platform/database/one-row';

/** Most specific first: what the presence list shows beside a name. */
const ROLE_ORDER: Role[] = ['official', 'expert', 'coordinator', 'admin', 'observer'];

interface PollRow {
  id: string;
  occurrence_id: string;
  question: string;
  kind: 'single' | 'multiple';
  status: 'open' | 'closed';
  opened_by: string;
  opened_by_name: string;
  opened_at: Date;
  closed_at: Date | null;
  options: { id: string; position: number; label: string }[];
  ballots: [string, string[]][] | null;
}

export class PollClosedError extends Error {}

/** The live room's storage: attendance stays, the current agenda item, polls and their ballots. */
@Injectable()
export class RoomStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The person's city (an official's) and most specific role, for the presence list. */
  async memberFacts(principal: Principal): Promise<{ city: CityRef | null; memberRole: Role | null }> {
    const roles = [...principal.roles].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
    const cityId = roles.find((r) => r.cityId)?.cityId ?? null;
    const memberRole = roles[0]?.role ?? null;
    if (!cityId) return { city: null, memberRole };
    const [city]: CityRef[] = await this.db.query('SELECT id, name FROM cities WHERE id = $1', [cityId]);
    return { city: city ?? null, memberRole };
  }

  async startStay(occurrenceId: string, userId: string, role: RoomRole, joinedAt: Date): Promise<string> {
    const row = oneRow<{ id: string }>(
      await this.db.query(
        'INSERT INTO meeting_attendance (occurrence_id, user_id, room_role, joined_at) VALUES ($1, $2, $3, $4) RETURNING id',
        [occurrenceId, userId, role, joinedAt],
      ),
    );
    return row.id;
  }

  /** Ends stays in one statement (a grace period over, or every stay of this instance at shutdown). */
  async endStays(stays: { id: string; leftAt: Date }[]): Promise<void> {
    if (!stays.length) return;
    await this.db.query(
      `UPDATE meeting_attendance a SET left_at = GREATEST(a.joined_at, s.left_at)
       FROM unnest($1::uuid[], $2::timestamptz[]) AS s(id, left_at) WHERE a.id = s.id AND a.left_at IS NULL`,
      [stays.map((s) => s.id), stays.map((s) => s.leftAt)],
    );
  }

  /** This instance still has these stays open: returns those that are (a sweep may have closed one meanwhile). */
  async vouchForStays(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await returning<{ id: string }>(
      this.db,
      'UPDATE meeting_attendance SET seen_at = now() WHERE id = ANY($1::uuid[]) AND left_at IS NULL RETURNING id',
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Closes the open stays nobody vouched for in `timeoutSeconds` (their instance died), as of their last word. */
  async closeAbandonedStays(timeoutSeconds: number): Promise<number> {
    const rows = await returning<{ id: string }>(
      this.db,
      `UPDATE meeting_attendance SET left_at = GREATEST(joined_at, seen_at)
       WHERE left_at IS NULL AND seen_at < now() - $1::float8 * interval '1 second' RETURNING id`,
      [timeoutSeconds],
    );
    return rows.length;
  }

  /** A host's role during the stay: a person promoted to host mid-meeting is reported as host. */
  async markHost(stayId: string): Promise<void> {
    await this.db.query(`UPDATE meeting_attendance SET room_role = 'host' WHERE id = $1`, [stayId]);
  }

  async currentAgendaItem(occurrenceId: string): Promise<CurrentAgendaItem | null> {
    const rows: { agenda_item_id: string; set_at: Date; set_by: string; set_by_name: string }[] = await this.db.query(
      `SELECT s.current_agenda_item_id AS agenda_item_id, s.set_at, s.set_by, u.name AS set_by_name
       FROM meeting_room_state s JOIN users u ON u.id = s.set_by
       WHERE s.occurrence_id = $1 AND s.current_agenda_item_id IS NOT NULL`,
      [occurrenceId],
    );
    const row = rows[0];
    return row
      ? { agendaItemId: row.agenda_item_id, setAt: row.set_at.toISOString(), setBy: { id: row.set_by, name: row.set_by_name } }
      : null;
  }

  async setAgendaItem(
    occurrenceId: string,
    agendaItemId: string | null,
    by: { id: string; name: string },
  ): Promise<CurrentAgendaItem | null> {
    // An upsert returns its row whether it inserted or updated.
    const row = oneRow<{ set_at: Date }>(
      await this.db.query(
        `INSERT INTO meeting_room_state (occurrence_id, current_agenda_item_id, set_by, set_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (occurrence_id) DO UPDATE SET current_agenda_item_id = EXCLUDED.current_agenda_item_id, set_by = EXCLUDED.set_by, set_at = now()
         RETURNING set_at`,
        [occurrenceId, agendaItemId, by.id],
      ),
    );
    return agendaItemId ? { agendaItemId, setAt: row.set_at.toISOString(), setBy: by } : null;
  }

  /**
   * Ends an occurrence that is under way now: its end becomes this moment, so the room, the occurrence page and the
   * attendance report all read it as over. Null when it has not started or is already over.
   */
  async endNow(occurrenceId: string): Promise<Date | null> {
    const rows = await returning<{ ends_at: Date }>(
      this.db,
      `UPDATE meeting_occurrences SET ends_at = now(), sequence = sequence + 1, updated_at = now()
       WHERE id = $1 AND status = 'scheduled' AND starts_at <= now() AND ends_at > now()
       RETURNING ends_at`,
      [occurrenceId],
    );
    return rows[0]?.ends_at ?? null;
  }

  /** Every poll of an occurrence with its options and ballots, oldest first (one query). */
  async polls(occurrenceId: string): Promise<PollTally[]> {
    const rows: PollRow[] = await this.db.query(
      `SELECT p.id, p.occurrence_id, p.question, p.kind, p.status, p.opened_by, u.name AS opened_by_name, p.opened_at, p.closed_at,
              (SELECT json_agg(json_build_object('id', o.id, 'position', o.position, 'label', o.label) ORDER BY o.position)
                 FROM meeting_poll_options o WHERE o.poll_id = p.id) AS options,
              (SELECT json_agg(json_build_array(b.user_id, ARRAY(SELECT v.option_id FROM meeting_poll_votes v
                                                                 WHERE v.poll_id = b.poll_id AND v.user_id = b.user_id)))
                 FROM meeting_poll_ballots b WHERE b.poll_id = p.id) AS ballots
       FROM meeting_polls p JOIN users u ON u.id = p.opened_by
       WHERE p.occurrence_id = $1 ORDER BY p.opened_at, p.id`,
      [occurrenceId],
    );
    return rows.map((r) => new PollTally(headerOf(r), r.options, r.ballots ?? []));
  }

  async pollHistory(occurrenceId: string, viewerId: string): Promise<Poll[]> {
    return (await this.polls(occurrenceId)).map((p) => p.view(viewerId));
  }

  async openPoll(input: OpenPoll, by: { id: string; name: string }): Promise<PollTally> {
    return this.db.transaction(async (em) => {
      const poll = oneRow<{ id: string; opened_at: Date }>(
        await em.query(
          `INSERT INTO meeting_polls (occurrence_id, question, kind, opened_by) VALUES ($1, $2, $3, $4) RETURNING id, opened_at`,
          [input.occurrenceId, input.question, input.kind, by.id],
        ),
      );
      const options: { id: string; position: number; label: string }[] = await em.query(
        `INSERT INTO meeting_poll_options (poll_id, position, label)
         SELECT $1, o.n - 1, o.label FROM unnest($2::text[]) WITH ORDINALITY AS o(label, n) RETURNING id, position, label`,
        [poll.id, input.options],
      );
      options.sort((a, b) => a.position - b.position);
      const header: PollHeader = {
        id: poll.id,
        occurrenceId: input.occurrenceId,
        question: input.question,
        kind: input.kind,
        status: 'open',
        openedBy: by,
        openedAt: poll.opened_at.toISOString(),
        closedAt: null,
      };
      return new PollTally(header, options);
    });
  }

  /**
   * Replaces a person's ballot. The poll row is share-locked, so a vote and the closing of its poll are ordered:
   * a vote that commits before the close counts, one after it is refused with PollClosedError.
   */
  async vote(pollId: string, userId: string, optionIds: string[]): Promise<void> {
    await this.db.transaction(async (em) => {
      const [poll]: { status: string }[] = await em.query('SELECT status FROM meeting_polls WHERE id = $1 FOR SHARE', [pollId]);
      if (poll?.status !== 'open') throw new PollClosedError();
      await em.query(
        `INSERT INTO meeting_poll_ballots (poll_id, user_id) VALUES ($1, $2)
         ON CONFLICT (poll_id, user_id) DO UPDATE SET voted_at = now()`,
        [pollId, userId],
      );
      await em.query('DELETE FROM meeting_poll_votes WHERE poll_id = $1 AND user_id = $2', [pollId, userId]);
      await em.query(`INSERT INTO meeting_poll_votes (poll_id, user_id, option_id) SELECT $1, $2, unnest($3::uuid[])`, [
        pollId,
        userId,
        optionIds,
      ]);
    });
  }

  async closePoll(pollId: string): Promise<Date | null> {
    const rows = await returning<{ closed_at: Date }>(
      this.db,
      `UPDATE meeting_polls SET status = 'closed', closed_at = now() WHERE id = $1 AND status = 'open' RETURNING closed_at`,
      [pollId],
    );
    return rows[0]?.closed_at ?? null;
  }
}

function headerOf(r: PollRow): PollHeader {
  return {
    id: r.id,
    occurrenceId: r.occurrence_id,
    question: r.question,
    kind: r.kind,
    status: r.status,
    openedBy: { id: r.opened_by, name: r.opened_by_name },
    openedAt: r.opened_at.toISOString(),
    closedAt: r.closed_at ? r.closed_at.toISOString() : null,
  };
}
