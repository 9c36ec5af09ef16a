import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Principal } from '@minga/access';
import {
  isoDateTimeSchema,
  uuidSchema,
  type AgendaItem,
  type MeetingStatus,
  type MinutesStatus,
  type OccurrenceDetail,
  type OccurrencePage,
  type ReplaceAgenda,
  type UpdateOccurrence,
} from '@minga/contracts';
import { AccessService } from '../../platform/access/access.service';
import { decodeCursor, pageFrom } from '../../platform/common/cursor';
import { Problem } from '../../platform/common/problem';
import { SqlConditions } from '../../platform/common/sql-conditions';
import { returning } from '../../platform/database/returning';
import { agendaJson, SELECT_OCCURRENCES, toOccurrence, type OccurrenceRow } from './meeting-read-model';
import { MeetingNotices } from './meeting-notices';
import { MeetingsService } from './meetings.service';

const CURSOR_KEY = z.tuple([isoDateTimeSchema, uuidSchema]);
const DEFAULT_RANGE_DAYS = 90;

type OccurrenceFilter = { meetingId: string } | { cohortId: string } | { hubId: string } | { inviteeId: string };

interface OccurrenceRange {
  from?: string;
  to?: string;
  includeCancelled: boolean;
  limit: number;
  cursor?: string;
}

@Injectable()
export class OccurrencesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly meetings: MeetingsService,
    private readonly notices: MeetingNotices,
  ) {}

  /** Occurrences starting in [from, to), by start then id (keyset pages); from defaults to now, to to 90 days later. */
  async list(filter: OccurrenceFilter, range: OccurrenceRange, viewer: Principal): Promise<OccurrencePage> {
    const conditions = new SqlConditions();
    conditions.param(viewer.id);
    if ('meetingId' in filter) conditions.add('o.meeting_id = ?', filter.meetingId);
    if ('cohortId' in filter) conditions.add('m.cohort_id = ?', filter.cohortId);
    if ('hubId' in filter) conditions.add('m.hub_id = ?', filter.hubId);
    if ('inviteeId' in filter)
      conditions.add('o.meeting_id IN (SELECT mi.meeting_id FROM meeting_invitees mi WHERE mi.user_id = ?)', filter.inviteeId);
    const from = range.from ? new Date(range.from) : new Date();
    const to = range.to ? new Date(range.to) : new Date(from.getTime() + DEFAULT_RANGE_DAYS * 86_400_000);
    conditions.add('o.starts_at >= ? AND o.starts_at < ?', from, to);
    if (!range.includeCancelled) conditions.add(`o.status = 'scheduled' AND m.status = 'scheduled'`);
    const after = decodeCursor(range.cursor, CURSOR_KEY);
    if (after) conditions.add('(o.starts_at, o.id) > (?::timestamptz, ?::uuid)', after[0], after[1]);
    const limit = conditions.param(range.limit + 1);
    const rows: OccurrenceRow[] = await this.db.query(
      `${SELECT_OCCURRENCES} ${conditions.where()} ORDER BY o.starts_at, o.id LIMIT ${limit}`,
      conditions.params,
    );
    const page = pageFrom(rows, range.limit, (r) => [r.start_key, r.id]);
    const ability = this.access.abilityFor(viewer);
    return { items: page.items.map((row) => this.present(row, viewer, ability)), nextCursor: page.nextCursor };
  }

  private present(row: OccurrenceRow, viewer: Principal, ability = this.access.abilityFor(viewer)) {
    const resource = this.resourceOf(row);
    return toOccurrence(row, ability.can('attend', resource), ability.can('update', resource));
  }

  private resourceOf(row: OccurrenceRow) {
    return this.meetings.resourceOf({ id: row.meeting_id, hub_id: row.hub_id, organiser_id: row.organiser_id, invited: row.invited });
  }

  /** The meeting an occurrence belongs to (404 for an unknown occurrence). */
  async meetingOf(occurrenceId: string): Promise<string> {
    const [row]: { meeting_id: string }[] = await this.db.query('SELECT meeting_id FROM meeting_occurrences WHERE id = $1', [occurrenceId]);
    if (!row) throw new Problem('not_found', 'No such meeting occurrence');
    return row.meeting_id;
  }

  async findOne(id: string, viewer: Principal): Promise<OccurrenceDetail> {
    const [row]: (OccurrenceRow & {
      agenda: AgendaItem[];
      draft: OccurrenceDetail['draft'];
      cities: OccurrenceDetail['cities'];
      minutes_status: MinutesStatus | null;
    })[] = await this.db.query(
      `SELECT base.*, ${agendaJson('ai.occurrence_id = base.id')} AS agenda,
              (SELECT mm.status FROM meeting_minutes mm WHERE mm.occurrence_id = base.id) AS minutes_status,
              (SELECT json_build_object('id', d.id, 'title', d.title) FROM meetings m2 JOIN drafts d ON d.id = m2.draft_id
               WHERE m2.id = base.meeting_id) AS draft,
              COALESCE((SELECT json_agg(json_build_object('id', c.id, 'name', c.name, 'timeZone', c.time_zone, 'locale', c.locale)
                                        ORDER BY c.name, c.id)
                        FROM cities c
                        WHERE CASE WHEN base.cohort_id IS NULL THEN c.hub_id = base.hub_id
                                   ELSE c.id IN (SELECT cc.city_id FROM cohort_cities cc WHERE cc.cohort_id = base.cohort_id) END), '[]'::json) AS cities
       FROM (${SELECT_OCCURRENCES} WHERE o.id = $2) base`,
      [viewer.id, id],
    );
    if (!row) throw new Problem('not_found', 'No such meeting occurrence');
    const ability = this.access.abilityFor(viewer);
    // As GET minutes answers: hosts see every stage, the others published minutes only.
    const minutes = row.minutes_status === 'published' || ability.can('host', this.resourceOf(row)) ? row.minutes_status : null;
    return {
      ...this.present(row, viewer, ability),
      agenda: row.agenda,
      ownAgenda: row.own_agenda,
      draft: row.draft,
      cities: row.cities,
      minutes,
    };
  }

  /** Moves one occurrence (it becomes an override: RECURRENCE-ID in calendars) or cancels/restores it (EXDATE). */
  async update(id: string, input: UpdateOccurrence, viewer: Principal): Promise<OccurrenceDetail> {
    const meetingId = await this.db.transaction(async (em) => {
      const [row]: { meeting_id: string; meeting_status: MeetingStatus }[] = await em.query(
        `SELECT o.meeting_id, m.status AS meeting_status FROM meeting_occurrences o JOIN meetings m ON m.id = o.meeting_id
         WHERE o.id = $1 FOR UPDATE OF o`,
        [id],
      );
      if (!row) throw new Problem('not_found', 'No such meeting occurrence');
      if (row.meeting_status === 'cancelled') throw new Problem('meeting_cancelled', 'The whole meeting is cancelled');
      await em.query(
        `UPDATE meeting_occurrences SET
           starts_at = COALESCE($2, starts_at), ends_at = COALESCE($3, ends_at), status = COALESCE($4, status),
           overridden = overridden OR $2::timestamptz IS NOT NULL, sequence = sequence + 1, updated_at = now()
         WHERE id = $1`,
        [id, input.startsAt ?? null, input.endsAt ?? null, input.status ?? null],
      );
      // The series' calendar entry changes too (an EXDATE or an override): its sequence moves with it.
      await em.query('UPDATE meetings SET sequence = sequence + 1, updated_at = now() WHERE id = $1', [row.meeting_id]);
      return row.meeting_id;
    });
    const invitees = await this.meetings.inviteeIds(meetingId);
    if (input.status === 'cancelled') await this.notices.cancelled(meetingId, invitees, viewer.id, id);
    else await this.notices.changed(meetingId, invitees, viewer.id, id);
    return this.findOne(id, viewer);
  }

  async agenda(id: string): Promise<AgendaItem[]> {
    const [row]: { agenda: AgendaItem[] }[] = await this.db.query(
      `SELECT ${agendaJson('ai.occurrence_id = o.id')} AS agenda FROM meeting_occurrences o WHERE o.id = $1`,
      [id],
    );
    if (!row) throw new Problem('not_found', 'No such meeting occurrence');
    return row.agenda;
  }

  /**
   * Replaces one occurrence's agenda. In a series, the template and other occurrences stay as they are, and the
   * occurrence keeps this agenda of its own when the template changes later. A one-off meeting has one agenda:
   * its template changes with it, so the meeting's form shows what the occurrence has.
   */
  async replaceAgenda(id: string, input: ReplaceAgenda): Promise<AgendaItem[]> {
    const meetingId = await this.meetingOf(id);
    const items = input.items.map((item) => ({
      ...item,
      presenterId: item.presenterId ?? null,
      draftId: item.draftId ?? null,
      draftSection: item.draftSection ?? null,
    }));
    const drafts = items.map((i) => i.draftId).filter((d): d is string => !!d);
    const people = items.map((i) => i.presenterId).filter((p): p is string => !!p);
    const knownDrafts = new Set<string>(
      drafts.length
        ? (await this.db.query('SELECT id FROM drafts WHERE id = ANY($1::uuid[])', [drafts])).map((r: { id: string }) => r.id)
        : [],
    );
    const knownPeople = new Set<string>(
      people.length
        ? (await this.db.query('SELECT id FROM users WHERE id = ANY($1::uuid[])', [people])).map((r: { id: string }) => r.id)
        : [],
    );
    const errors = items.flatMap((item, i) => [
      ...(item.draftId && !knownDrafts.has(item.draftId) ? [{ path: `items.${i}.draftId`, message: 'No such draft' }] : []),
      ...(item.presenterId && !knownPeople.has(item.presenterId) ? [{ path: `items.${i}.presenterId`, message: 'No such person' }] : []),
    ]);
    if (errors.length) throw new Problem('validation_failed', 'Some references are unknown', errors);
    await this.db.transaction(async (em) => {
      const [occurrence] = await returning<{ series: boolean }>(
        em,
        `UPDATE meeting_occurrences o SET own_agenda = m.rrule IS NOT NULL FROM meetings m
         WHERE o.id = $1 AND m.id = o.meeting_id RETURNING m.rrule IS NOT NULL AS series`,
        [id],
      );
      // Deleted (with its meeting, or by an edit of the series) since meetingOf found it.
      if (!occurrence) throw new Problem('not_found', 'No such meeting occurrence');
      const { series } = occurrence;
      await em.query('DELETE FROM meeting_agenda_items WHERE occurrence_id = $1', [id]);
      await this.meetings.insertAgenda(em, meetingId, id, items);
      if (!series) {
        await em.query('DELETE FROM meeting_agenda_items WHERE meeting_id = $1 AND occurrence_id IS NULL', [meetingId]);
        await this.meetings.insertAgenda(em, meetingId, null, items);
      }
    });
    return this.agenda(id);
  }

  /** Gives an occurrence the series' agenda again: it follows the template from now on. */
  async followSeriesAgenda(id: string): Promise<AgendaItem[]> {
    const meetingId = await this.meetingOf(id);
    await this.db.transaction(async (em) => {
      await em.query('UPDATE meeting_occurrences SET own_agenda = false WHERE id = $1', [id]);
      await em.query('DELETE FROM meeting_agenda_items WHERE occurrence_id = $1', [id]);
      await this.meetings.copyTemplateAgenda(em, meetingId, [id]);
    });
    return this.agenda(id);
  }
}
