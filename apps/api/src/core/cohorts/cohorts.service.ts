import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DEFAULT_WORKING_HOURS,
  type Cohort,
  type CohortCityStatus,
  type CohortOverview,
  type CohortPerson,
  type CreateCohort,
  type UpdateCohort,
  type WorkingHours,
} from '@minga/contracts';
import { PLAN_PROGRESS_LATERAL } from '../action-plans/plan-read-model';
import { Problem } from '../../platform/common/problem';
import { NotificationsService } from '../notifications/notifications.service';
import { cohortMembersSql } from './cohort-members';

interface CohortRow {
  id: string;
  hub_id: string;
  hub_name: string;
  name: string;
  model_policy: { id: string; key: string; name: string } | null;
  starts_on: string;
  ends_on: string;
  cities: Cohort['cities'];
  experts: Cohort['experts'];
  member_count: number;
  created_at: Date;
  updated_at: Date;
}

// A cohort with its hub, model policy, cities, experts and member count in one query.
const SELECT_COHORTS = `
  SELECT co.id, co.hub_id, h.name AS hub_name, co.name, to_char(co.starts_on, 'YYYY-MM-DD') AS starts_on,
         to_char(co.ends_on, 'YYYY-MM-DD') AS ends_on, co.created_at, co.updated_at,
         CASE WHEN mp.id IS NULL THEN NULL ELSE json_build_object('id', mp.id, 'key', mp.key, 'name', mp.name) END AS model_policy,
         COALESCE((SELECT json_agg(json_build_object('id', c.id, 'name', c.name, 'country', c.country, 'hubId', c.hub_id,
                                                     'timeZone', c.time_zone, 'locale', c.locale) ORDER BY c.name, c.id)
                   FROM cohort_cities cc JOIN cities c ON c.id = cc.city_id WHERE cc.cohort_id = co.id), '[]'::json) AS cities,
         COALESCE((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name, u.id)
                   FROM cohort_experts ce JOIN users u ON u.id = ce.user_id WHERE ce.cohort_id = co.id), '[]'::json) AS experts,
         (SELECT count(DISTINCT m.user_id)::int FROM (${cohortMembersSql('co.id')}) m) AS member_count
  FROM cohorts co
  JOIN hubs h ON h.id = co.hub_id
  LEFT JOIN model_policies mp ON mp.id = co.model_policy_id`;

function toCohort(row: CohortRow): Cohort {
  return {
    id: row.id,
    hubId: row.hub_id,
    hubName: row.hub_name,
    name: row.name,
    modelPolicy: row.model_policy,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    cities: row.cities,
    experts: row.experts,
    memberCount: row.member_count,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

@Injectable()
export class CohortsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  async hubExists(hubId: string): Promise<void> {
    const rows = await this.db.query('SELECT 1 FROM hubs WHERE id = $1', [hubId]);
    if (!rows.length) throw new Problem('not_found', 'No such hub');
  }

  async listForHub(hubId: string): Promise<Cohort[]> {
    await this.hubExists(hubId);
    const rows: CohortRow[] = await this.db.query(`${SELECT_COHORTS} WHERE co.hub_id = $1 ORDER BY co.starts_on DESC, co.id`, [hubId]);
    return rows.map(toCohort);
  }

  async findOne(id: string): Promise<Cohort> {
    const [row]: CohortRow[] = await this.db.query(`${SELECT_COHORTS} WHERE co.id = $1`, [id]);
    if (!row) throw new Problem('not_found', 'No such cohort');
    return toCohort(row);
  }

  /** The hub that decides access to a cohort (404 for an unknown cohort). */
  async scopeOf(id: string): Promise<{ hubId: string; name: string }> {
    const [row]: { hub_id: string; name: string }[] = await this.db.query('SELECT hub_id, name FROM cohorts WHERE id = $1', [id]);
    if (!row) throw new Problem('not_found', 'No such cohort');
    return { hubId: row.hub_id, name: row.name };
  }

  async create(hubId: string, input: CreateCohort & { cityIds: string[]; expertIds: string[] }, creatorId: string): Promise<Cohort> {
    await this.hubExists(hubId);
    const id = await this.db.transaction(async (em) => {
      await this.checkReferences(em, input);
      const [{ id }] = await em.query(
        `INSERT INTO cohorts (hub_id, name, model_policy_id, starts_on, ends_on, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [hubId, input.name, input.modelPolicyId ?? null, input.startsOn, input.endsOn, creatorId],
      );
      await this.replaceMembers(em, id, input.cityIds, input.expertIds);
      return id as string;
    });
    return this.findOne(id);
  }

  async update(id: string, input: UpdateCohort, actorId: string): Promise<Cohort> {
    const invited = await this.db.transaction(async (em) => {
      const [row]: { starts_on: string; ends_on: string }[] = await em.query(
        `SELECT to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on FROM cohorts WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!row) throw new Problem('not_found', 'No such cohort');
      const startsOn = input.startsOn ?? row.starts_on;
      const endsOn = input.endsOn ?? row.ends_on;
      if (endsOn < startsOn)
        throw new Problem('validation_failed', 'The cohort would end before it starts', [
          { path: 'endsOn', message: 'End must not be before start' },
        ]);
      await this.checkReferences(em, input);
      await em.query(
        `UPDATE cohorts SET name = COALESCE($2, name), model_policy_id = CASE WHEN $3::boolean THEN $4::uuid ELSE model_policy_id END,
                starts_on = $5, ends_on = $6, updated_at = now() WHERE id = $1`,
        [id, input.name ?? null, input.modelPolicyId !== undefined, input.modelPolicyId ?? null, startsOn, endsOn],
      );
      if (!input.cityIds && !input.expertIds) return [];
      const before = await this.memberIds(id, em);
      await this.replaceMembers(em, id, input.cityIds, input.expertIds);
      return this.followMembership(em, id, before, await this.memberIds(id, em));
    });
    // One notice per newly invited person, pointing at the soonest upcoming occurrence they were invited to.
    await this.notifications.notify(
      invited.map((r) => ({ userId: r.user_id, kind: 'meeting_invited' as const, occurrenceId: r.occurrence_id, actorId })),
    );
    return this.findOne(id);
  }

  /**
   * Keeps the invitations of the cohort's meetings that are still to come in step with its members: new members are
   * invited; former members are uninvited unless they answered an upcoming occurrence (their answer is kept, and so
   * is their invitation). The organiser always stays. Past meetings keep who was invited then.
   * Returns the new invitations with the occurrence to point their notice at, soonest first.
   */
  private async followMembership(
    em: EntityManager,
    cohortId: string,
    before: string[],
    after: string[],
  ): Promise<{ user_id: string; occurrence_id: string }[]> {
    const kept = new Set(after);
    const was = new Set(before);
    const added = after.filter((u) => !was.has(u));
    const removed = before.filter((u) => !kept.has(u));
    const upcoming = `
      SELECT m.id, m.organiser_id,
             (SELECT o.id FROM meeting_occurrences o WHERE o.meeting_id = m.id AND o.status = 'scheduled' AND o.ends_at > now()
              ORDER BY o.starts_at, o.id LIMIT 1) AS next_id
      FROM meetings m WHERE m.cohort_id = $1 AND m.status = 'scheduled'`;
    if (removed.length) {
      await em.query(
        `DELETE FROM meeting_invitees mi USING (${upcoming}) m
         WHERE m.next_id IS NOT NULL AND mi.meeting_id = m.id AND mi.user_id = ANY($2::uuid[]) AND mi.user_id <> m.organiser_id
           AND NOT EXISTS (SELECT 1 FROM meeting_rsvps r JOIN meeting_occurrences o ON o.id = r.occurrence_id
                           WHERE o.meeting_id = m.id AND r.user_id = mi.user_id AND o.ends_at > now())`,
        [cohortId, removed],
      );
    }
    if (!added.length) return [];
    return em.query(
      `WITH m AS (${upcoming}),
       ins AS (INSERT INTO meeting_invitees (meeting_id, user_id)
               SELECT m.id, u FROM m CROSS JOIN unnest($2::uuid[]) u WHERE m.next_id IS NOT NULL
               ON CONFLICT DO NOTHING RETURNING meeting_id, user_id)
       SELECT ins.user_id, o.id AS occurrence_id
       FROM ins JOIN m ON m.id = ins.meeting_id JOIN meeting_occurrences o ON o.id = m.next_id
       ORDER BY o.starts_at, o.id`,
      [cohortId, added],
    );
  }

  /** A cohort with meetings is kept (their occurrences hold minutes and attendance): cancel and move them first. */
  async remove(id: string): Promise<void> {
    await this.scopeOf(id);
    const meetings = await this.db.query('SELECT 1 FROM meetings WHERE cohort_id = $1 LIMIT 1', [id]);
    if (meetings.length) throw new Problem('cohort_has_meetings');
    await this.db.query('DELETE FROM cohorts WHERE id = $1', [id]);
  }

  /** Distinct member ids (officials of member cities, experts, coordinators of the owner hub). */
  async memberIds(cohortId: string, em: EntityManager = this.db.manager): Promise<string[]> {
    const rows: { user_id: string }[] = await em.query(`SELECT DISTINCT m.user_id FROM (${cohortMembersSql('$1')}) m`, [cohortId]);
    return rows.map((r) => r.user_id);
  }

  /** Members with what the local-time strip and the slot finder need. */
  async people(cohortId: string): Promise<CohortPerson[]> {
    await this.scopeOf(cohortId);
    const rows: {
      id: string;
      name: string;
      roles: CohortPerson['roles'];
      city: { id: string; name: string } | null;
      time_zone: string;
      locale: string;
      working_hours: WorkingHours | null;
    }[] = await this.db.query(
      `SELECT u.id, u.name, u.time_zone, u.locale, u.working_hours,
              array_agg(DISTINCT m.role ORDER BY m.role) AS roles,
              (SELECT json_build_object('id', c.id, 'name', c.name) FROM cities c
               WHERE c.id = (array_agg(m.city_id ORDER BY m.city_id) FILTER (WHERE m.city_id IS NOT NULL))[1]) AS city
       FROM (${cohortMembersSql('$1')}) m JOIN users u ON u.id = m.user_id
       GROUP BY u.id ORDER BY u.name, u.id`,
      [cohortId],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      roles: r.roles,
      city: r.city,
      timeZone: r.time_zone,
      locale: r.locale,
      workingHours: r.working_hours ?? DEFAULT_WORKING_HOURS,
    }));
  }

  /** The cohort page: each city's draft for the cohort's model policy and its plan's progress, and the people. */
  async overview(id: string): Promise<CohortOverview> {
    const cohort = await this.findOne(id);
    const rows: {
      city_id: string;
      draft: CohortCityStatus['draft'];
      plan: CohortCityStatus['actionPlan'];
    }[] = await this.db.query(
      `SELECT c.id AS city_id,
              (SELECT json_build_object('id', d.id, 'title', d.title, 'status', d.status,
                                        'updatedAt', to_char(d.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
               FROM drafts d WHERE d.city_id = c.id AND (co.model_policy_id IS NULL OR d.model_policy_id = co.model_policy_id)
               ORDER BY d.updated_at DESC, d.id LIMIT 1) AS draft,
              (SELECT json_build_object('id', p.id, 'stage', p.stage, 'progress', pp.progress, 'overdueCount', pp.overdue_count,
                                        'published', p.published)
               FROM action_plans p ${PLAN_PROGRESS_LATERAL}
               WHERE p.city_id = c.id AND (co.model_policy_id IS NULL OR p.model_policy_id = co.model_policy_id)
               ORDER BY p.updated_at DESC, p.id LIMIT 1) AS plan
       FROM cohorts co JOIN cohort_cities cc ON cc.cohort_id = co.id JOIN cities c ON c.id = cc.city_id
       WHERE co.id = $1`,
      [id],
    );
    const byCity = new Map(rows.map((r) => [r.city_id, r]));
    return {
      cohort,
      cities: cohort.cities.map((city) => ({
        city,
        draft: byCity.get(city.id)?.draft ?? null,
        actionPlan: byCity.get(city.id)?.plan ?? null,
      })),
      people: await this.people(id),
    };
  }

  private async checkReferences(em: EntityManager, input: { modelPolicyId?: string | null; cityIds?: string[]; expertIds?: string[] }) {
    const errors: { path: string; message: string }[] = [];
    if (input.modelPolicyId) {
      const found = await em.query('SELECT 1 FROM model_policies WHERE id = $1', [input.modelPolicyId]);
      if (!found.length) errors.push({ path: 'modelPolicyId', message: 'No such model policy' });
    }
    if (input.cityIds?.length) {
      const found: { id: string }[] = await em.query('SELECT id FROM cities WHERE id = ANY($1::uuid[])', [input.cityIds]);
      const known = new Set(found.map((r) => r.id));
      input.cityIds.forEach((cityId, i) => known.has(cityId) || errors.push({ path: `cityIds.${i}`, message: 'No such city' }));
    }
    if (input.expertIds?.length) {
      const found: { user_id: string }[] = await em.query(
        `SELECT DISTINCT user_id FROM role_assignments WHERE user_id = ANY($1::uuid[]) AND role = 'expert'`,
        [input.expertIds],
      );
      const known = new Set(found.map((r) => r.user_id));
      input.expertIds.forEach(
        (userId, i) => known.has(userId) || errors.push({ path: `expertIds.${i}`, message: 'Not an expert of the alliance' }),
      );
    }
    if (errors.length) throw new Problem('validation_failed', 'Some references are unknown', errors);
  }

  private async replaceMembers(em: EntityManager, id: string, cityIds?: string[], expertIds?: string[]) {
    if (cityIds) {
      await em.query('DELETE FROM cohort_cities WHERE cohort_id = $1', [id]);
      await em.query('INSERT INTO cohort_cities (cohort_id, city_id) SELECT $1, unnest($2::uuid[])', [id, cityIds]);
    }
    if (expertIds) {
      await em.query('DELETE FROM cohort_experts WHERE cohort_id = $1', [id]);
      await em.query('INSERT INTO cohort_experts (cohort_id, user_id) SELECT $1, unnest($2::uuid[])', [id, expertIds]);
    }
  }
}
