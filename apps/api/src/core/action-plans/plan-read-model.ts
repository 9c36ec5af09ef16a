// The SQL that reads plans, milestones, KPIs and measurements with everything computed (progress, overdue, KPI
// status) in the query itself. The signed-in API and open data share it, so both compute the same way.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ActionPlan, Kpi, Measurement, Milestone } from '@minga/contracts';
import type { SqlConditions } from '../../platform/common/sql-conditions';

/** "Today" where the city is: a milestone due today is not overdue until the city's day ends. */
const CITY_TODAY = `(now() AT TIME ZONE c.time_zone)::date`;

/** Progress, milestone count and overdue count of plan `p` (needs `c`, its city). */
export const PLAN_PROGRESS_LATERAL = `
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS milestone_count,
           coalesce(round(100 * avg(CASE WHEN ms.status = 'done' THEN 1
                                         ELSE coalesce(t.done::float8 / nullif(t.total, 0), 0) END)::numeric, 1), 0)::float8 AS progress,
           (count(*) FILTER (WHERE ms.status <> 'done' AND ms.due_date < ${CITY_TODAY}))::int AS overdue_count
    FROM milestones ms
    LEFT JOIN LATERAL (SELECT count(*) AS total, count(*) FILTER (WHERE done) AS done
                       FROM milestone_tasks mt WHERE mt.milestone_id = ms.id) t ON true
    WHERE ms.action_plan_id = p.id
  ) pp ON true`;

export interface PlanRow {
  id: string;
  city_id: string;
  city_name: string;
  country: string;
  hub_id: string | null;
  model_policy_id: string;
  model_policy_key: string;
  model_policy_name: string;
  statement_of_intent: string;
  stage: ActionPlan['stage'];
  published: boolean;
  published_at: Date | null;
  draft_id: string | null;
  progress: number;
  milestone_count: number;
  overdue_count: number;
  kpi_count: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT_PLANS = `
  SELECT p.id, p.city_id, c.name AS city_name, c.country, c.hub_id, p.model_policy_id, mp.key AS model_policy_key,
         mp.name AS model_policy_name, p.statement_of_intent, p.stage, p.published, p.published_at, p.draft_id,
         pp.progress, pp.milestone_count, pp.overdue_count,
         (SELECT count(*)::int FROM kpis k WHERE k.action_plan_id = p.id) AS kpi_count,
         p.created_at, p.updated_at
  FROM action_plans p
  JOIN cities c ON c.id = p.city_id
  JOIN model_policies mp ON mp.id = p.model_policy_id
  ${PLAN_PROGRESS_LATERAL}`;

export interface MilestoneRow {
  id: string;
  action_plan_id: string;
  city_id: string;
  title: string;
  due_date: string;
  owner_id: string | null;
  owner_name: string | null;
  status: Milestone['status'];
  evidence_links: string[];
  overdue: boolean;
  tasks: { id: string; milestoneId: string; title: string; done: boolean }[];
  from_occurrence_id: string | null;
  from_meeting_title: string | null;
  from_starts_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

// A milestone made from a meeting's action item links back to that meeting (read-model join of the meetings' tables).
const SELECT_MILESTONES = `
  SELECT ms.id, ms.action_plan_id, p.city_id, ms.title, to_char(ms.due_date, 'YYYY-MM-DD') AS due_date,
         ms.owner_id, u.name AS owner_name, ms.status, ms.evidence_links,
         (ms.status <> 'done' AND ms.due_date < ${CITY_TODAY}) AS overdue,
         coalesce((SELECT json_agg(json_build_object('id', mt.id, 'milestoneId', mt.milestone_id, 'title', mt.title, 'done', mt.done)
                                   ORDER BY mt.created_at, mt.id)
                   FROM milestone_tasks mt WHERE mt.milestone_id = ms.id), '[]'::json) AS tasks,
         src.occurrence_id AS from_occurrence_id, src.title AS from_meeting_title, src.starts_at AS from_starts_at,
         ms.created_at, ms.updated_at
  FROM milestones ms
  JOIN action_plans p ON p.id = ms.action_plan_id
  JOIN cities c ON c.id = p.city_id
  LEFT JOIN users u ON u.id = ms.owner_id
  LEFT JOIN LATERAL (SELECT ai.occurrence_id, m.title, o.starts_at
                     FROM meeting_action_items ai
                     JOIN meeting_occurrences o ON o.id = ai.occurrence_id
                     JOIN meetings m ON m.id = o.meeting_id
                     WHERE ai.milestone_id = ms.id LIMIT 1) src ON true`;

export interface KpiRow {
  id: string;
  action_plan_id: string;
  city_id: string;
  name: string;
  unit: string;
  direction: Kpi['direction'];
  baseline_value: number;
  baseline_date: string;
  target_value: number;
  target_date: string;
  latest_value: number | null;
  latest_date: string | null;
  status: Kpi['status'];
  progress: number | null;
  measurement_count: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT_KPIS = `
  SELECT k.id, k.action_plan_id, p.city_id, k.name, k.unit, k.direction, k.baseline_value,
         to_char(k.baseline_date, 'YYYY-MM-DD') AS baseline_date, k.target_value, to_char(k.target_date, 'YYYY-MM-DD') AS target_date,
         l.value AS latest_value, to_char(l.measured_on, 'YYYY-MM-DD') AS latest_date,
         kpi_status(k.direction, k.baseline_value, k.baseline_date, k.target_value, k.target_date, l.value, l.measured_on) AS status,
         kpi_progress(k.baseline_value, k.target_value, l.value) AS progress,
         (SELECT count(*)::int FROM kpi_measurements mc WHERE mc.kpi_id = k.id) AS measurement_count,
         k.created_at, k.updated_at
  FROM kpis k
  JOIN action_plans p ON p.id = k.action_plan_id
  JOIN cities c ON c.id = p.city_id
  LEFT JOIN LATERAL (SELECT m.value, m.measured_on FROM kpi_measurements m WHERE m.kpi_id = k.id
                     ORDER BY m.measured_on DESC LIMIT 1) l ON true`;

export interface MeasurementRow {
  id: string;
  kpi_id: string;
  action_plan_id: string;
  city_id: string;
  date: string;
  value: number;
  source: string | null;
  note: string | null;
  created_at: Date;
}

const SELECT_MEASUREMENTS = `
  SELECT m.id, m.kpi_id, k.action_plan_id, p.city_id, to_char(m.measured_on, 'YYYY-MM-DD') AS date, m.value, m.source, m.note, m.created_at
  FROM kpi_measurements m
  JOIN kpis k ON k.id = m.kpi_id
  JOIN action_plans p ON p.id = k.action_plan_id
  JOIN cities c ON c.id = p.city_id`;

/** Where a page of measurements across many KPIs resumes: the last row's plan, KPI and date. */
type MeasurementKey = readonly [actionPlanId: string, kpiId: string, date: string];

/** Reads for this domain and for open data; callers add conditions on p (plan), c (city), ms, k, m. */
@Injectable()
export class PlanReadModel {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  plans(conditions: SqlConditions, order = 'c.name, mp.name, p.id'): Promise<PlanRow[]> {
    return this.db.query(`${SELECT_PLANS} ${conditions.where()} ORDER BY ${order}`, conditions.params);
  }

  milestones(conditions: SqlConditions): Promise<MilestoneRow[]> {
    return this.db.query(`${SELECT_MILESTONES} ${conditions.where()} ORDER BY ms.action_plan_id, ms.due_date, ms.id`, conditions.params);
  }

  kpis(conditions: SqlConditions): Promise<KpiRow[]> {
    return this.db.query(`${SELECT_KPIS} ${conditions.where()} ORDER BY k.action_plan_id, k.name, k.id`, conditions.params);
  }

  /** Oldest first; `limit` (already a placeholder of `conditions`) for pages. */
  measurements(conditions: SqlConditions, limit?: string): Promise<MeasurementRow[]> {
    return this.db.query(
      `${SELECT_MEASUREMENTS} ${conditions.where()} ORDER BY k.action_plan_id, m.kpi_id, m.measured_on, m.id ${limit ? `LIMIT ${limit}` : ''}`,
      conditions.params,
    );
  }

  /**
   * A page of the measurements of many KPIs (a hub's, a city's), in the order of \`measurements\`, after \`after\`.
   * KPIs are walked in (plan, id) order on kpis_plan_id_idx and each one's measurements on its (kpi_id, measured_on)
   * key, so a page costs the rows it returns however deep it is; \`conditions\` are on p (plan) and c (city) only.
   */
  measurementPage(conditions: SqlConditions, after: MeasurementKey | null, limit: number): Promise<MeasurementRow[]> {
    if (after) conditions.add('(k.action_plan_id, k.id) >= (?::uuid, ?::uuid)', after[0], after[1]);
    const afterKpi = conditions.param(after?.[1] ?? null);
    const afterDate = conditions.param(after?.[2] ?? null);
    const take = conditions.param(limit);
    return this.db.query(
      `SELECT m.id, k.id AS kpi_id, k.action_plan_id, p.city_id, to_char(m.measured_on, 'YYYY-MM-DD') AS date, m.value, m.source, m.note, m.created_at
       FROM kpis k
       JOIN action_plans p ON p.id = k.action_plan_id
       JOIN cities c ON c.id = p.city_id
       CROSS JOIN LATERAL (
         SELECT m.id, m.measured_on, m.value, m.source, m.note, m.created_at FROM kpi_measurements m
         WHERE m.kpi_id = k.id AND m.measured_on > CASE WHEN k.id = ${afterKpi}::uuid THEN ${afterDate}::date ELSE '-infinity'::date END
         ORDER BY m.measured_on LIMIT ${take}) m
       ${conditions.where()}
       ORDER BY k.action_plan_id, k.id, m.measured_on LIMIT ${take}`,
      conditions.params,
    );
  }
}

export function toActionPlan(row: PlanRow): ActionPlan {
  return {
    id: row.id,
    cityId: row.city_id,
    cityName: row.city_name,
    hubId: row.hub_id,
    modelPolicyId: row.model_policy_id,
    modelPolicyKey: row.model_policy_key,
    modelPolicyName: row.model_policy_name,
    statementOfIntent: row.statement_of_intent,
    stage: row.stage,
    published: row.published,
    publishedAt: row.published_at?.toISOString() ?? null,
    draftId: row.draft_id,
    progress: row.progress,
    milestoneCount: row.milestone_count,
    overdueCount: row.overdue_count,
    kpiCount: row.kpi_count,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toMilestone(row: MilestoneRow): Milestone {
  return {
    id: row.id,
    actionPlanId: row.action_plan_id,
    title: row.title,
    dueDate: row.due_date,
    owner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? '' } : null,
    status: row.status,
    evidenceLinks: row.evidence_links,
    tasks: row.tasks,
    overdue: row.overdue,
    fromMeeting:
      row.from_occurrence_id && row.from_meeting_title && row.from_starts_at
        ? { occurrenceId: row.from_occurrence_id, title: row.from_meeting_title, startsAt: row.from_starts_at.toISOString() }
        : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toKpi(row: KpiRow): Kpi {
  return {
    id: row.id,
    actionPlanId: row.action_plan_id,
    name: row.name,
    unit: row.unit,
    direction: row.direction,
    baselineValue: row.baseline_value,
    baselineDate: row.baseline_date,
    targetValue: row.target_value,
    targetDate: row.target_date,
    latestValue: row.latest_value,
    latestDate: row.latest_date,
    status: row.status,
    progress: row.progress,
    measurementCount: row.measurement_count,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toMeasurement(row: MeasurementRow): Measurement {
  return {
    id: row.id,
    kpiId: row.kpi_id,
    date: row.date,
    value: row.value,
    source: row.source,
    note: row.note,
    createdAt: row.created_at.toISOString(),
  };
}
