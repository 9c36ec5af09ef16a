import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { MeetingResource, Principal } from '@minga/access';
import {
  localMinutesBetween,
  MAX_OCCURRENCES,
  MAX_SERIES_YEARS,
  type AgendaItemInput,
  type CreateMeeting,
  type Meeting,
  type MeetingStatus,
  type OccurrenceContext,
  type UpdateMeeting,
} from '@minga/contracts';
import { expandSeries, instantToLocal, RecurrenceError, SeriesOutOfRangeError, type ExpandedOccurrence } from '@minga/scheduling';
import { AccessChanges } from '../../platform/access/access-changes';
import { AccessService } from '../../platform/access/access.service';
import { CohortsService } from '../cohorts/cohorts.service';
import { hubMembersSql } from '../cohorts/cohort-members';
import { Problem, type FieldError } from '../../platform/common/problem';
import { returning } from '../../platform/database/returning';
import { agendaJson, localText, SELECT_MEETINGS, toMeeting, type MeetingRow, type MeetingsTableRow } from './meeting-read-model';
import { MeetingNotices } from './meeting-notices';
import { RsvpService } from './rsvp.service';

/** Where a meeting belongs: a cohort (and its owner hub) or a hub alone. */
type MeetingTarget = { hubId: string; cohortId: string | null };

interface MeetingScope {
  id: string;
  hubId: string;
  cohortId: string | null;
  organiserId: string;
  status: MeetingStatus;
}

/** What `update` reads of the meeting it changes. */
type LockedMeeting = Pick<
  MeetingsTableRow,
  'organiser_id' | 'time_zone' | 'local_start' | 'duration_minutes' | 'rrule' | 'status' | 'capacity'
>;

/** The input fields that change when the meeting takes place: any of them re-expands the series. */
const TIMING_FIELDS = ['timeZone', 'localStart', 'startsAt', 'durationMinutes', 'localEnd', 'rrule'] as const;

interface Timing {
  timeZone: string;
  localStart: string;
  durationMinutes: number;
  rrule: string | null;
}

type AgendaInput = Required<Pick<AgendaItemInput, 'title' | 'durationMinutes'>> & {
  presenterId?: string | null;
  draftId?: string | null;
  draftSection?: string | null;
};

@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cohorts: CohortsService,
    private readonly access: AccessService,
    private readonly rsvps: RsvpService,
    private readonly notices: MeetingNotices,
    private readonly accessChanges: AccessChanges,
  ) {}

  async scopeOf(id: string, em: EntityManager = this.db.manager): Promise<MeetingScope> {
    const [row]: Pick<MeetingsTableRow, 'hub_id' | 'cohort_id' | 'organiser_id' | 'status'>[] = await em.query(
      'SELECT hub_id, cohort_id, organiser_id, status FROM meetings WHERE id = $1',
      [id],
    );
    if (!row) throw new Problem('not_found', 'No such meeting');
    return { id, hubId: row.hub_id, cohortId: row.cohort_id, organiserId: row.organiser_id, status: row.status };
  }

  /** The policy's view of a meeting for one person: `invited` says whether that person is an invitee. */
  async resourceFor(id: string, principal: Principal): Promise<MeetingResource> {
    const scope = await this.scopeOf(id);
    const invited = await this.db.query('SELECT 1 FROM meeting_invitees WHERE meeting_id = $1 AND user_id = $2', [id, principal.id]);
    return { kind: 'Meeting', id, hubId: scope.hubId, organiserId: scope.organiserId, invited: invited.length > 0 };
  }

  resourceOf(row: { id: string; hub_id: string; organiser_id: string; invited: boolean }): MeetingResource {
    return { kind: 'Meeting', id: row.id, hubId: row.hub_id, organiserId: row.organiser_id, invited: row.invited };
  }

  async findOne(id: string, viewer: Principal): Promise<Meeting> {
    const [row]: MeetingRow[] = await this.db.query(`${SELECT_MEETINGS} WHERE m.id = $2`, [viewer.id, id]);
    if (!row) throw new Problem('not_found', 'No such meeting');
    return this.present(row, viewer);
  }

  /** A cohort's or a hub's meetings (series and single meetings), newest first. */
  async list(target: { cohortId: string } | { hubId: string }, viewer: Principal): Promise<Meeting[]> {
    const [column, value] = 'cohortId' in target ? ['m.cohort_id', target.cohortId] : ['m.hub_id', target.hubId];
    const rows: MeetingRow[] = await this.db.query(`${SELECT_MEETINGS} WHERE ${column} = $2 ORDER BY m.local_start DESC, m.id LIMIT 500`, [
      viewer.id,
      value,
    ]);
    const ability = this.access.abilityFor(viewer);
    return rows.map((row) => this.present(row, viewer, ability));
  }

  private present(row: MeetingRow, viewer: Principal, ability = this.access.abilityFor(viewer)): Meeting {
    const resource = this.resourceOf(row);
    return toMeeting(row, ability.can('attend', resource), ability.can('update', resource));
  }

  async create(target: MeetingTarget, input: CreateMeeting, organiser: Principal): Promise<Meeting> {
    const timing = this.timingOf(input.timeZone, input);
    const occurrences = this.expand(timing);
    const agenda = (input.agenda ?? []) as AgendaInput[];
    const id = await this.db.transaction(async (em) => {
      await this.checkReferences(em, { draftId: input.draftId ?? null, agenda, inviteeIds: input.inviteeIds });
      const [{ id }] = await em.query(
        `INSERT INTO meetings (hub_id, cohort_id, title, description, organiser_id, time_zone, local_start, duration_minutes, rrule,
                               online_url, place, capacity, draft_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [
          target.hubId,
          target.cohortId,
          input.title,
          input.description ?? '',
          organiser.id,
          timing.timeZone,
          timing.localStart,
          timing.durationMinutes,
          timing.rrule,
          input.onlineUrl ?? null,
          input.place ?? null,
          input.capacity ?? null,
          input.draftId ?? null,
        ],
      );
      await this.insertAgenda(em, id, null, agenda);
      await this.insertOccurrences(em, id, occurrences);
      const invitees = input.inviteeIds ?? (await this.defaultInvitees(em, target));
      // The organiser is always an invitee: their meetings are in their calendar.
      await this.invite(em, id, [...new Set([...invitees, organiser.id])]);
      return id as string;
    });
    const meeting = await this.findOne(id, organiser);
    await this.notices.invited(id, await this.inviteeIds(id), organiser.id);
    return meeting;
  }

  /**
   * Changes a meeting. A change of time, zone, duration or rule re-expands the series: an occurrence keeps its id
   * (and its RSVPs, agenda, notes) when its recurrence id survives, or failing that its date; moved occurrences
   * keep their time, cancelled ones stay cancelled; one that no longer belongs to the series is cancelled, not
   * deleted (its minutes and attendance stay). Every change bumps the sequence (iCalendar).
   */
  async update(id: string, input: UpdateMeeting, actor: Principal): Promise<Meeting> {
    const before = await this.inviteeIds(id);
    const cancelled = await this.db.transaction(async (em) => {
      const current = await this.lockForUpdate(em, id);
      if (current.status === 'cancelled' && input.status !== 'scheduled') {
        throw new Problem('meeting_cancelled', 'The meeting is cancelled; restore it (status: scheduled) to change it');
      }
      const agenda = input.agenda as AgendaInput[] | undefined;
      await this.checkReferences(em, { draftId: input.draftId ?? null, agenda, inviteeIds: input.inviteeIds });
      const timing = this.newTiming(current, input);
      await this.write(em, id, input, timing);
      if (timing) await this.resync(em, id, this.expand(timing));
      if (agenda) await this.replaceTemplateAgenda(em, id, agenda);
      if (input.inviteeIds) await this.replaceInvitees(em, id, input.inviteeIds, current.organiser_id);
      if (mayFreePlaces(current.capacity, input.capacity)) await this.promoteWaitlists(em, id);
      return input.status === 'cancelled' && current.status !== 'cancelled';
    });
    const meeting = await this.findOne(id, actor);
    await this.announceUpdate(id, before, cancelled, actor.id);
    return meeting;
  }

  /** What `update` needs of the meeting, locked until its transaction ends: changes to one meeting take turns. */
  private async lockForUpdate(em: EntityManager, id: string): Promise<LockedMeeting> {
    const current = await em
      .createQueryBuilder()
      .select(['m.organiser_id', 'm.time_zone', 'm.duration_minutes', 'm.rrule', 'm.status', 'm.capacity'])
      .addSelect(localText('m.local_start'), 'local_start')
      .from('meetings', 'm')
      .where('m.id = :id', { id })
      .setLock('pessimistic_write')
      .getRawOne<LockedMeeting>();
    if (!current) throw new Problem('not_found', 'No such meeting');
    return current;
  }

  /** The timing after the change, or null when the input leaves it alone; the parts the input omits are kept. */
  private newTiming(current: LockedMeeting, input: UpdateMeeting): Timing | null {
    if (!TIMING_FIELDS.some((field) => field in input)) return null;
    return this.timingOf(input.timeZone ?? current.time_zone, {
      localStart: input.localStart ?? (input.startsAt ? undefined : current.local_start),
      startsAt: input.startsAt,
      durationMinutes: input.durationMinutes ?? (input.localEnd ? undefined : current.duration_minutes),
      localEnd: input.localEnd,
      rrule: input.rrule === undefined ? current.rrule : input.rrule,
    });
  }

  /** Writes the meeting's own columns: those the input gives (undefined ones are left out), and a new sequence. */
  private async write(em: EntityManager, id: string, input: UpdateMeeting, timing: Timing | null): Promise<void> {
    await em
      .createQueryBuilder()
      .update<MeetingsTableRow>('meetings')
      .set({
        title: input.title,
        description: input.description,
        ...(timing && {
          time_zone: timing.timeZone,
          local_start: timing.localStart,
          duration_minutes: timing.durationMinutes,
          rrule: timing.rrule,
        }),
        online_url: input.onlineUrl,
        place: input.place,
        capacity: input.capacity,
        draft_id: input.draftId,
        status: input.status,
        sequence: () => 'sequence + 1',
        updated_at: () => 'now()',
      })
      .where('id = :id', { id })
      .execute();
  }

  /**
   * A new template agenda. Upcoming occurrences follow it, except those whose host gave them an agenda of their own;
   * past ones keep the agenda they were held with. A one-off meeting has one agenda, whichever form edits it.
   */
  private async replaceTemplateAgenda(em: EntityManager, meetingId: string, agenda: AgendaInput[]): Promise<void> {
    await em
      .createQueryBuilder()
      .delete()
      .from('meeting_agenda_items')
      .where('meeting_id = :meetingId AND occurrence_id IS NULL', { meetingId })
      .execute();
    await this.insertAgenda(em, meetingId, null, agenda);
    // Raw SQL: the query builder's UPDATE has no FROM, and the meeting's rule decides which occurrences follow.
    const following = await returning<{ id: string }>(
      em,
      `UPDATE meeting_occurrences o SET own_agenda = false FROM meetings m
       WHERE o.meeting_id = $1 AND m.id = o.meeting_id AND o.starts_at > now() AND (m.rrule IS NULL OR NOT o.own_agenda)
       RETURNING o.id`,
      [meetingId],
    );
    const occurrenceIds = following.map((o) => o.id);
    await em
      .createQueryBuilder()
      .delete()
      .from('meeting_agenda_items')
      .where('occurrence_id = ANY(:occurrenceIds)', { occurrenceIds })
      .execute();
    await this.copyTemplateAgenda(em, meetingId, occurrenceIds);
  }

  /** The invitees become `userIds` and the organiser, who is always invited. */
  private async replaceInvitees(em: EntityManager, meetingId: string, userIds: string[], organiserId: string): Promise<void> {
    await em
      .createQueryBuilder()
      .delete()
      .from('meeting_invitees')
      .where('meeting_id = :meetingId AND NOT (user_id = ANY(:kept))', { meetingId, kept: [...userIds, organiserId] })
      .execute();
    await this.invite(em, meetingId, userIds);
  }

  /** Gives the places a larger capacity (or none) frees to those waiting, in every occurrence not yet over. */
  private async promoteWaitlists(em: EntityManager, meetingId: string): Promise<void> {
    const open = await em
      .createQueryBuilder()
      .select('id')
      .from('meeting_occurrences', 'o')
      .where('meeting_id = :meetingId AND ends_at > now()', { meetingId })
      .getRawMany<{ id: string }>();
    for (const occurrence of open) await this.rsvps.promote(em, occurrence.id);
  }

  /** Tells people about a stored change: a cancellation, a change, or an invitation (new invitees). */
  private async announceUpdate(id: string, before: string[], cancelled: boolean, actorId: string): Promise<void> {
    const after = await this.inviteeIds(id);
    const added = after.filter((u) => !before.includes(u));
    // Someone no longer invited leaves the meeting's room and notes at once, as after losing a role.
    for (const userId of before) if (!after.includes(userId)) this.accessChanges.publish(userId);
    if (cancelled) await this.notices.cancelled(id, after, actorId);
    else {
      await this.notices.changed(
        id,
        after.filter((u) => before.includes(u)),
        actorId,
      );
      await this.notices.invited(id, added, actorId);
    }
  }

  async inviteeIds(meetingId: string, em: EntityManager = this.db.manager): Promise<string[]> {
    const rows: { user_id: string }[] = await em.query('SELECT user_id FROM meeting_invitees WHERE meeting_id = $1 ORDER BY user_id', [
      meetingId,
    ]);
    return rows.map((r) => r.user_id);
  }

  /**
   * Everything the live meeting room needs about an occurrence: its instants and status, its meeting (organiser,
   * zone, join link), hub, cohort, linked draft, agenda and invitees. Who may attend or host is then the policy's
   * `attend`/`host` on `meetingResource(context, principal)`. Null for an unknown occurrence.
   */
  async occurrenceContext(occurrenceId: string): Promise<OccurrenceContext | null> {
    const [r]: (Pick<
      MeetingRow,
      | 'title'
      | 'time_zone'
      | 'organiser_id'
      | 'online_url'
      | 'hub_id'
      | 'hub_name'
      | 'cohort_id'
      | 'cohort_name'
      | 'draft_id'
      | 'draft_title'
    > & {
      id: string;
      starts_at: Date;
      ends_at: Date;
      status: MeetingStatus;
      local_start: string;
      meeting_id: string;
      meeting_status: MeetingStatus;
      draft_city_id: string | null;
      agenda: OccurrenceContext['agenda'];
      invitee_ids: string[];
    })[] = await this.db.query(
      `SELECT o.id, o.starts_at, o.ends_at, CASE WHEN m.status = 'cancelled' THEN 'cancelled' ELSE o.status END AS status,
              ${localText('o.starts_at AT TIME ZONE m.time_zone')} AS local_start,
              m.id AS meeting_id, m.title, m.time_zone, m.organiser_id, m.status AS meeting_status, m.online_url,
              h.id AS hub_id, h.name AS hub_name, co.id AS cohort_id, co.name AS cohort_name,
              d.id AS draft_id, d.title AS draft_title, d.city_id AS draft_city_id,
              ${agendaJson('ai.occurrence_id = o.id')} AS agenda,
              ARRAY(SELECT mi.user_id FROM meeting_invitees mi WHERE mi.meeting_id = m.id ORDER BY mi.user_id) AS invitee_ids
       FROM meeting_occurrences o
       JOIN meetings m ON m.id = o.meeting_id
       JOIN hubs h ON h.id = m.hub_id
       LEFT JOIN cohorts co ON co.id = m.cohort_id
       LEFT JOIN drafts d ON d.id = m.draft_id
       WHERE o.id = $1`,
      [occurrenceId],
    );
    if (!r) return null;
    return {
      occurrence: {
        id: r.id,
        startsAt: r.starts_at.toISOString(),
        endsAt: r.ends_at.toISOString(),
        status: r.status,
        localStart: r.local_start,
      },
      meeting: {
        id: r.meeting_id,
        title: r.title,
        timeZone: r.time_zone,
        organiserId: r.organiser_id,
        status: r.meeting_status,
        onlineUrl: r.online_url,
      },
      hub: { id: r.hub_id, name: r.hub_name },
      cohort: r.cohort_id ? { id: r.cohort_id, name: r.cohort_name ?? '' } : null,
      draft: r.draft_id ? { id: r.draft_id, title: r.draft_title ?? '', cityId: r.draft_city_id as string } : null,
      agenda: r.agenda,
      inviteeIds: r.invitee_ids,
    };
  }

  /** The policy's Meeting resource for one person, from an occurrence context. */
  meetingResource(context: OccurrenceContext, principal: { id: string }): MeetingResource {
    return {
      kind: 'Meeting',
      id: context.meeting.id,
      hubId: context.hub.id,
      organiserId: context.meeting.organiserId,
      invited: context.inviteeIds.includes(principal.id),
    };
  }

  /** Wall-clock start and duration from whichever of start/instant and duration/end the input gave. */
  private timingOf(
    timeZone: string,
    input: { localStart?: string; startsAt?: string; durationMinutes?: number; localEnd?: string; rrule?: string | null },
  ): Timing {
    const localStart = (input.localStart ?? instantToLocal(input.startsAt as string, timeZone)).slice(0, 16);
    let durationMinutes = input.durationMinutes;
    if (durationMinutes === undefined) {
      const minutes = localMinutesBetween(localStart, input.localEnd as string) ?? 0;
      if (minutes < 5 || minutes > 720) {
        throw new Problem('validation_failed', 'End must be after start, at most 12 hours later', [
          { path: 'localEnd', message: 'End must be after start, at most 12 hours later' },
        ]);
      }
      durationMinutes = minutes;
    }
    return { timeZone, localStart, durationMinutes, rrule: input.rrule ?? null };
  }

  private expand(timing: Timing): ExpandedOccurrence[] {
    try {
      return expandSeries(timing, { maxOccurrences: MAX_OCCURRENCES, maxYears: MAX_SERIES_YEARS });
    } catch (error) {
      if (error instanceof SeriesOutOfRangeError)
        throw new Problem('validation_failed', error.message, [{ path: timing.rrule ? 'rrule' : 'localStart', message: error.message }]);
      if (error instanceof RecurrenceError)
        throw new Problem('validation_failed', error.message, [{ path: 'rrule', message: error.message }]);
      throw error;
    }
  }

  /** Raw SQL: one statement with two parameters for any number of people (unnest); the query builder sends two per person. */
  private async invite(em: EntityManager, meetingId: string, userIds: string[]): Promise<void> {
    await em.query('INSERT INTO meeting_invitees (meeting_id, user_id) SELECT $1, u FROM unnest($2::uuid[]) u ON CONFLICT DO NOTHING', [
      meetingId,
      userIds,
    ]);
  }

  private async defaultInvitees(em: EntityManager, target: MeetingTarget): Promise<string[]> {
    if (target.cohortId) return this.cohorts.memberIds(target.cohortId, em);
    const rows: { user_id: string }[] = await em.query(`SELECT DISTINCT m.user_id FROM (${hubMembersSql('$1')}) m`, [target.hubId]);
    return rows.map((r) => r.user_id);
  }

  private async insertOccurrences(em: EntityManager, meetingId: string, occurrences: ExpandedOccurrence[]): Promise<string[]> {
    if (!occurrences.length) return [];
    const rows: { id: string }[] = await em.query(
      `INSERT INTO meeting_occurrences (meeting_id, recurrence_id, starts_at, ends_at)
       SELECT $1, r, s, e FROM unnest($2::timestamp[], $3::timestamptz[], $4::timestamptz[]) AS t(r, s, e) RETURNING id`,
      [meetingId, occurrences.map((o) => o.recurrenceId), occurrences.map((o) => o.startsAt), occurrences.map((o) => o.endsAt)],
    );
    await this.copyTemplateAgenda(
      em,
      meetingId,
      rows.map((r) => r.id),
    );
    return rows.map((r) => r.id);
  }

  async copyTemplateAgenda(em: EntityManager, meetingId: string, occurrenceIds: string[]): Promise<void> {
    if (!occurrenceIds.length) return;
    await em.query(
      `INSERT INTO meeting_agenda_items (meeting_id, occurrence_id, position, title, duration_minutes, presenter_id, draft_id, draft_section)
       SELECT t.meeting_id, o, t.position, t.title, t.duration_minutes, t.presenter_id, t.draft_id, t.draft_section
       FROM meeting_agenda_items t CROSS JOIN unnest($2::uuid[]) o
       WHERE t.meeting_id = $1 AND t.occurrence_id IS NULL`,
      [meetingId, occurrenceIds],
    );
  }

  async insertAgenda(em: EntityManager, meetingId: string, occurrenceId: string | null, items: AgendaInput[]): Promise<void> {
    if (!items.length) return;
    await em.query(
      `INSERT INTO meeting_agenda_items (meeting_id, occurrence_id, position, title, duration_minutes, presenter_id, draft_id, draft_section)
       SELECT $1, $2::uuid, p, t, d, pr, dr, s
       FROM unnest($3::int[], $4::text[], $5::int[], $6::uuid[], $7::uuid[], $8::text[]) AS x(p, t, d, pr, dr, s)`,
      [
        meetingId,
        occurrenceId,
        items.map((_, i) => i),
        items.map((i) => i.title),
        items.map((i) => i.durationMinutes),
        items.map((i) => i.presenterId ?? null),
        items.map((i) => i.draftId ?? null),
        items.map((i) => i.draftSection ?? null),
      ],
    );
  }

  /** Brings the stored occurrences in line with a new expansion (see `update`). */
  private async resync(em: EntityManager, meetingId: string, expanded: ExpandedOccurrence[]): Promise<void> {
    const existing: { id: string; recurrence_id: string; overridden: boolean; status: MeetingStatus }[] = await em.query(
      `SELECT id, ${localText('recurrence_id')} AS recurrence_id, overridden, status FROM meeting_occurrences WHERE meeting_id = $1 ORDER BY recurrence_id`,
      [meetingId],
    );
    const unmatchedOld = new Map(existing.map((o) => [o.recurrence_id, o]));
    const matches: { old: (typeof existing)[number]; next: ExpandedOccurrence }[] = [];
    const fresh: ExpandedOccurrence[] = [];
    for (const next of expanded) {
      const same = unmatchedOld.get(next.recurrenceId);
      if (same) {
        unmatchedOld.delete(next.recurrenceId);
        matches.push({ old: same, next });
      } else fresh.push(next);
    }
    // Same day, new time (the series moved from 10:00 to 11:00): the occurrence is the same meeting.
    const byDay = new Map([...unmatchedOld.values()].map((o) => [o.recurrence_id.slice(0, 10), o]));
    const stillFresh: ExpandedOccurrence[] = [];
    for (const next of fresh) {
      const sameDay = byDay.get(next.recurrenceId.slice(0, 10));
      if (sameDay) {
        byDay.delete(next.recurrenceId.slice(0, 10));
        unmatchedOld.delete(sameDay.recurrence_id);
        matches.push({ old: sameDay, next });
      } else stillFresh.push(next);
    }
    // Temporary recurrence ids first, so swapping ids between occurrences never trips the unique key.
    if (matches.length) {
      await em.query(`UPDATE meeting_occurrences SET recurrence_id = recurrence_id - interval '1000 years' WHERE id = ANY($1::uuid[])`, [
        matches.map((m) => m.old.id),
      ]);
      await em.query(
        `UPDATE meeting_occurrences o SET recurrence_id = t.r,
                starts_at = CASE WHEN o.overridden THEN o.starts_at ELSE t.s END,
                ends_at = CASE WHEN o.overridden THEN o.ends_at ELSE t.e END,
                sequence = o.sequence + CASE WHEN o.overridden OR (o.starts_at = t.s AND o.ends_at = t.e) THEN 0 ELSE 1 END,
                updated_at = now()
         FROM unnest($1::uuid[], $2::timestamp[], $3::timestamptz[], $4::timestamptz[]) AS t(id, r, s, e)
         WHERE o.id = t.id`,
        [
          matches.map((m) => m.old.id),
          matches.map((m) => m.next.recurrenceId),
          matches.map((m) => m.next.startsAt),
          matches.map((m) => m.next.endsAt),
        ],
      );
    }
    if (unmatchedOld.size) {
      await em.query(
        `UPDATE meeting_occurrences SET status = 'cancelled', overridden = true, sequence = sequence + 1, updated_at = now() WHERE id = ANY($1::uuid[])`,
        [[...unmatchedOld.values()].map((o) => o.id)],
      );
    }
    await this.insertOccurrences(em, meetingId, stillFresh);
  }

  private async checkReferences(
    em: EntityManager,
    input: { draftId: string | null; agenda?: AgendaInput[]; inviteeIds?: string[] },
  ): Promise<void> {
    const errors: FieldError[] = [];
    const draftIds = [input.draftId, ...(input.agenda ?? []).map((a) => a.draftId ?? null)].filter((d): d is string => !!d);
    const userIds = [...(input.inviteeIds ?? []), ...(input.agenda ?? []).map((a) => a.presenterId ?? null)].filter(
      (u): u is string => !!u,
    );
    const knownDrafts = new Set(
      draftIds.length
        ? (await em.query('SELECT id FROM drafts WHERE id = ANY($1::uuid[])', [draftIds])).map((r: { id: string }) => r.id)
        : [],
    );
    const knownUsers = new Set(
      userIds.length ? (await em.query('SELECT id FROM users WHERE id = ANY($1::uuid[])', [userIds])).map((r: { id: string }) => r.id) : [],
    );
    if (input.draftId && !knownDrafts.has(input.draftId)) errors.push({ path: 'draftId', message: 'No such draft' });
    (input.agenda ?? []).forEach((item, i) => {
      if (item.draftId && !knownDrafts.has(item.draftId)) errors.push({ path: `agenda.${i}.draftId`, message: 'No such draft' });
      if (item.presenterId && !knownUsers.has(item.presenterId))
        errors.push({ path: `agenda.${i}.presenterId`, message: 'No such person' });
    });
    (input.inviteeIds ?? []).forEach(
      (userId, i) => knownUsers.has(userId) || errors.push({ path: `inviteeIds.${i}`, message: 'No such person' }),
    );
    if (errors.length) throw new Problem('validation_failed', 'Some references are unknown', errors);
  }
}

/** Whether a new capacity may free places for those waiting: it is raised or lifted, or set where there was none. */
function mayFreePlaces(was: number | null, next: number | null | undefined): boolean {
  return next !== undefined && (next === null || was === null || next > was);
}
