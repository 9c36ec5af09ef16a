import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DASHBOARD_DUE_DAYS,
  DASHBOARD_REASONS_PER_CITY,
  type CityStatus,
  type DashboardCity,
  type CohortDashboard,
  type Dashboard,
  type DashboardQuery,
  type HubDashboard,
} from '@minga/contracts';
import { Problem } from '../../platform/common/problem';
import { SqlConditions } from '../../platform/common/sql-conditions';

// Read-model queries over the action-plan tables. A dashboard is five queries whatever the number of cities: the hub,
// the model policies, one row per plan (cells), one row per city for KPIs, one for overdue milestones.

interface CellRow {
  city_id: string;
  model_policy_id: string;
  action_plan_id: string;
  stage: Dashboard['cells'][number]['stage'];
  published: boolean;
  progress: number;
  overdue_count: number;
  due_count: number;
}
interface CityRow {
  id: string;
  name: string;
  country: string;
}
interface KpiAggregateRow {
  city_id: string;
  total: number;
  on_track: number;
  at_risk: number;
  off_track: number;
  no_data: number;
  progress: number | null;
  off_track_kpis: DashboardCity['offTrackKpis'];
}
interface OverdueRow {
  city_id: string;
  overdue: DashboardCity['overdueMilestones'];
}

/** Which cities a dashboard covers: a hub's, or a list (a cohort's, from any hub). */
type CityScope = { hubId: string } | { cityIds: string[] };

function addCityScope(conditions: SqlConditions, scope: CityScope): SqlConditions {
  return 'hubId' in scope ? conditions.add('c.hub_id = ?', scope.hubId) : conditions.add('c.id = ANY(?::uuid[])', scope.cityIds);
}

/** Plans of the scope's cities that pass the filters. */
function planFilter(scope: CityScope, query: DashboardQuery): SqlConditions {
  const conditions = addCityScope(new SqlConditions(), scope);
  if (query.modelPolicyId) conditions.add('p.model_policy_id = ?', query.modelPolicyId);
  if (query.stage) conditions.add('p.stage = ?', query.stage);
  return conditions;
}

@Injectable()
export class DashboardsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async hubDashboard(hubId: string, query: DashboardQuery): Promise<HubDashboard> {
    const [hub]: { id: string; key: string; name: string }[] = await this.db.query('SELECT id, key, name FROM hubs WHERE id = $1', [hubId]);
    if (!hub) throw new Problem('not_found', 'No such hub');
    return { hub: hub, ...(await this.dashboardOf({ hubId }, query)) };
  }

  /** The same dashboard over a cohort's member cities, whichever hubs they belong to. */
  async cohortDashboard(cohort: CohortDashboard['cohort'] & { cityIds: string[] }, query: DashboardQuery): Promise<CohortDashboard> {
    const { cityIds, ...summary } = cohort;
    return { cohort: summary, ...(await this.dashboardOf({ cityIds }, query)) };
  }

  private async dashboardOf(scope: CityScope, query: DashboardQuery): Promise<Dashboard> {
    const policies: Dashboard['modelPolicies'] = await this.db.query(
      `SELECT id, key, name FROM model_policies ${query.modelPolicyId ? 'WHERE id = $1' : ''} ORDER BY name, id`,
      query.modelPolicyId ? [query.modelPolicyId] : [],
    );
    const filter = planFilter(scope, query);
    const cityFilter = addCityScope(new SqlConditions(), scope);
    const planWhere = filter.where();
    const today = `(now() AT TIME ZONE c.time_zone)::date`;

    const [cities, cells, kpis, overdue] = await Promise.all([
      this.db.query(
        `SELECT c.id, c.name, c.country FROM cities c ${cityFilter.where()} ORDER BY c.name, c.id`,
        cityFilter.params,
      ) as Promise<CityRow[]>,
      this.db.query(
        `SELECT p.city_id, p.model_policy_id, p.id AS action_plan_id, p.stage, p.published,
                coalesce(round(100 * avg(CASE WHEN ms.status = 'done' THEN 1
                                              ELSE coalesce(t.done::float8 / nullif(t.total, 0), 0) END)::numeric, 1), 0)::float8 AS progress,
                (count(ms.id) FILTER (WHERE ms.status <> 'done' AND ms.due_date < ${today}))::int AS overdue_count,
                (count(ms.id) FILTER (WHERE ms.status <> 'done' AND ms.due_date >= ${today}
                                        AND ms.due_date < ${today} + ${DASHBOARD_DUE_DAYS}))::int AS due_count
         FROM action_plans p
         JOIN cities c ON c.id = p.city_id
         LEFT JOIN milestones ms ON ms.action_plan_id = p.id
         LEFT JOIN LATERAL (SELECT count(*) AS total, count(*) FILTER (WHERE done) AS done
                            FROM milestone_tasks mt WHERE mt.milestone_id = ms.id) t ON ms.id IS NOT NULL
         ${planWhere}
         GROUP BY p.id`,
        filter.params,
      ) as Promise<CellRow[]>,
      this.db.query(
        `WITH k AS (
           SELECT p.city_id, k.id, k.action_plan_id, k.name,
                  kpi_status(k.direction, k.baseline_value, k.baseline_date, k.target_value, k.target_date, l.value, l.measured_on) AS status,
                  kpi_progress(k.baseline_value, k.target_value, l.value) AS progress
           FROM kpis k
           JOIN action_plans p ON p.id = k.action_plan_id
           JOIN cities c ON c.id = p.city_id
           LEFT JOIN LATERAL (SELECT m.value, m.measured_on FROM kpi_measurements m WHERE m.kpi_id = k.id
                              ORDER BY m.measured_on DESC LIMIT 1) l ON true
           ${planWhere})
         SELECT city_id, count(*)::int AS total,
                (count(*) FILTER (WHERE status = 'on_track'))::int AS on_track,
                (count(*) FILTER (WHERE status = 'at_risk'))::int AS at_risk,
                (count(*) FILTER (WHERE status = 'off_track'))::int AS off_track,
                (count(*) FILTER (WHERE status = 'no_data'))::int AS no_data,
                avg(least(greatest(progress, 0), 1)) AS progress,
                coalesce((array_agg(json_build_object('id', id, 'actionPlanId', action_plan_id, 'name', name, 'progress', progress)
                                    ORDER BY progress NULLS FIRST, name) FILTER (WHERE status = 'off_track'))[1:${DASHBOARD_REASONS_PER_CITY}],
                         '{}') AS off_track_kpis
         FROM k GROUP BY city_id`,
        filter.params,
      ) as Promise<KpiAggregateRow[]>,
      this.db.query(
        `SELECT city_id, json_agg(json_build_object('id', id, 'actionPlanId', action_plan_id, 'title', title, 'dueDate', due_date)
                                  ORDER BY due_date, id) AS overdue
         FROM (SELECT p.city_id, ms.id, ms.action_plan_id, ms.title, to_char(ms.due_date, 'YYYY-MM-DD') AS due_date, ms.due_date AS due,
                      row_number() OVER (PARTITION BY p.city_id ORDER BY ms.due_date, ms.id) AS n
               FROM milestones ms
               JOIN action_plans p ON p.id = ms.action_plan_id
               JOIN cities c ON c.id = p.city_id
               ${planWhere} AND ms.status <> 'done' AND ms.due_date < ${today}) o
         WHERE n <= ${DASHBOARD_REASONS_PER_CITY}
         GROUP BY city_id`,
        filter.params,
      ) as Promise<OverdueRow[]>,
    ]);

    const kpisByCity = new Map(kpis.map((k) => [k.city_id, k]));
    const overdueByCity = new Map(overdue.map((o) => [o.city_id, o.overdue]));
    const cellsByCity = new Map<string, CellRow[]>();
    for (const cell of cells) cellsByCity.set(cell.city_id, [...(cellsByCity.get(cell.city_id) ?? []), cell]);
    const planFiltered = !!(query.modelPolicyId || query.stage);
    const rows = cities
      .filter((city) => !planFiltered || cellsByCity.has(city.id))
      .map((city) => cityRow(city, cellsByCity.get(city.id) ?? [], kpisByCity.get(city.id), overdueByCity.get(city.id) ?? []))
      .filter((city) => !query.cityStatus || city.status === query.cityStatus);
    const shown = new Set(rows.map((r) => r.id));
    const shownCells = cells.filter((c) => shown.has(c.city_id));
    return {
      filters: { modelPolicyId: query.modelPolicyId, stage: query.stage, cityStatus: query.cityStatus },
      modelPolicies: policies,
      cities: rows,
      cells: shownCells.map((c) => ({
        cityId: c.city_id,
        modelPolicyId: c.model_policy_id,
        actionPlanId: c.action_plan_id,
        stage: c.stage,
        published: c.published,
        progress: c.progress,
        overdueCount: c.overdue_count,
      })),
      totals: {
        cities: rows.length,
        plans: shownCells.length,
        milestonesDue: sum(rows.map((r) => r.milestonesDue)),
        milestonesOverdue: sum(rows.map((r) => r.milestonesOverdue)),
        kpisOffTrack: sum(rows.map((r) => r.kpis.offTrack)),
        citiesBehind: rows.filter((r) => r.status === 'behind').length,
      },
    };
  }
}

function cityRow(
  city: CityRow,
  cells: CellRow[],
  kpis: KpiAggregateRow | undefined,
  overdue: DashboardCity['overdueMilestones'],
): DashboardCity {
  const milestonesDue = sum(cells.map((c) => c.due_count));
  const milestonesOverdue = sum(cells.map((c) => c.overdue_count));
  const counts = {
    total: kpis?.total ?? 0,
    onTrack: kpis?.on_track ?? 0,
    atRisk: kpis?.at_risk ?? 0,
    offTrack: kpis?.off_track ?? 0,
    noData: kpis?.no_data ?? 0,
  };
  return {
    id: city.id,
    name: city.name,
    country: city.country,
    status: statusOf(cells.length, milestonesOverdue, milestonesDue, counts),
    planCount: cells.length,
    milestonesDue,
    milestonesOverdue,
    kpis: counts,
    kpiProgress: kpis?.progress ?? null,
    overdueMilestones: overdue,
    offTrackKpis: kpis?.off_track_kpis ?? [],
  };
}

/** The rule stated with CITY_STATUSES in libs/contracts. */
function statusOf(plans: number, overdue: number, due: number, kpis: DashboardCity['kpis']): CityStatus {
  if (plans === 0) return 'no_plan';
  if (overdue > 0 || kpis.offTrack > 0) return 'behind';
  if (kpis.atRisk > 0 || due > 0) return 'at_risk';
  return 'on_track';
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
