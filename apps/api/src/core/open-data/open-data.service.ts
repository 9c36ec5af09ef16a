import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  isoDateSchema,
  OPEN_DATA_LICENSE,
  OPEN_DATA_LICENSE_URL,
  OPEN_DATA_TABLES,
  type OpenActionPlan,
  type OpenCityPlans,
  type OpenDataSet,
  type OpenDataTable,
  type OpenHubPlans,
  type OpenKpi,
  type OpenMeasurement,
  type OpenMilestone,
  uuidSchema,
} from '@minga/contracts';
import { PlanReadModel, type KpiRow, type MeasurementRow, type MilestoneRow, type PlanRow } from '../action-plans/plan-read-model';
import { type CsvCell } from '../../platform/common/csv';
import { decodeCursor, pageFrom } from '../../platform/common/cursor';
import { Problem } from '../../platform/common/problem';
import { SqlConditions } from '../../platform/common/sql-conditions';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';

/** Which published records: a city's, a hub's or one plan's. */
export type OpenScope = { kind: 'city'; id: string } | { kind: 'hub'; id: string } | { kind: 'plan'; id: string };

type OpenRecord = OpenActionPlan | OpenMilestone | OpenKpi | OpenMeasurement;

/** The sort key of the measurements table: plan, KPI, date (unique per KPI). */
const MEASUREMENT_CURSOR = z.tuple([uuidSchema, uuidSchema, isoDateSchema]);

/** Columns of each table in CSV, in the data dictionary's order (the JSON records carry the same fields). */
export const OPEN_CSV_COLUMNS: Record<OpenDataTable, string[]> = {
  'action-plans': [
    'id',
    'uri',
    'cityId',
    'cityName',
    'country',
    'hubId',
    'modelPolicyKey',
    'modelPolicyName',
    'statementOfIntent',
    'stage',
    'progress',
    'overdueCount',
    'publishedAt',
    'updatedAt',
  ],
  milestones: [
    'id',
    'actionPlanId',
    'cityId',
    'title',
    'dueDate',
    'status',
    'overdue',
    'evidenceLinks',
    'taskCount',
    'tasksDone',
    'updatedAt',
  ],
  kpis: [
    'id',
    'actionPlanId',
    'cityId',
    'name',
    'unit',
    'direction',
    'baselineValue',
    'baselineDate',
    'targetValue',
    'targetDate',
    'latestValue',
    'latestDate',
    'status',
    'progress',
    'updatedAt',
  ],
  measurements: ['id', 'kpiId', 'actionPlanId', 'cityId', 'date', 'value', 'source', 'note'],
};

/**
 * Published plans and their parts, as open data. Every query is limited to published plans, and every record is
 * built field by field from a list that holds no person: no owners, authors, editors or emails ever leave here.
 */
@Injectable()
export class OpenDataService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly read: PlanReadModel,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get base(): string {
    return `${this.config.publicUrl}/api/open-data`;
  }

  /** The hub whose revision covers a scope's data; 404 for an unknown city, hub or unpublished plan. */
  async hubOf(scope: OpenScope): Promise<string | null> {
    const sql = {
      city: 'SELECT hub_id FROM cities WHERE id = $1',
      hub: 'SELECT id AS hub_id FROM hubs WHERE id = $1',
      plan: 'SELECT c.hub_id FROM action_plans p JOIN cities c ON c.id = p.city_id WHERE p.id = $1 AND p.published',
    }[scope.kind];
    const [row]: { hub_id: string | null }[] = await this.db.query(sql, [scope.id]);
    if (!row) throw new Problem('not_found', `No such ${scope.kind === 'plan' ? 'published action plan' : scope.kind}`);
    return row.hub_id;
  }

  async table(scope: OpenScope, table: OpenDataTable): Promise<OpenDataSet<OpenRecord>> {
    const items = await this.records(scope, table);
    const set = this.envelope(`${this.scopeUri(scope)}/${table}`, items);
    // Every row: nothing follows.
    return table === 'measurements' ? { ...set, nextCursor: null } : set;
  }

  /** One page of the measurements table (JSON); the CSV holds every row (`table`). */
  async measurementPage(scope: OpenScope, page: { limit: number; cursor?: string }): Promise<OpenDataSet<OpenMeasurement>> {
    const after = decodeCursor(page.cursor, MEASUREMENT_CURSOR);
    const rows = await this.read.measurementPage(this.scopeConditions(scope), after, page.limit + 1);
    const { items, nextCursor } = pageFrom(rows, page.limit, (r) => [r.action_plan_id, r.kpi_id, r.date]);
    return { ...this.envelope(`${this.scopeUri(scope)}/measurements`, items.map(openMeasurement)), nextCursor };
  }

  csvRows(table: OpenDataTable, items: OpenRecord[]): CsvCell[][] {
    return items.map((item) =>
      OPEN_CSV_COLUMNS[table].map((column) => {
        const value = (item as Record<string, unknown>)[column];
        return Array.isArray(value) ? value.join(' | ') : (value as CsvCell);
      }),
    );
  }

  async cityPlans(cityId: string, planId?: string): Promise<OpenCityPlans> {
    const [city]: { id: string; name: string; country: string; hub_id: string | null }[] = await this.db.query(
      'SELECT id, name, country, hub_id FROM cities WHERE id = $1',
      [cityId],
    );
    if (!city) throw new Problem('not_found', 'No such city');
    const scope: OpenScope = planId ? { kind: 'plan', id: planId } : { kind: 'city', id: cityId };
    const [plans, milestones, kpis, measurements] = await Promise.all([
      this.records(scope, 'action-plans') as Promise<OpenActionPlan[]>,
      this.records(scope, 'milestones') as Promise<OpenMilestone[]>,
      this.records(scope, 'kpis') as Promise<OpenKpi[]>,
      this.records(scope, 'measurements') as Promise<OpenMeasurement[]>,
    ]);
    const envelope = this.envelope(this.scopeUri(scope), plans);
    return {
      license: envelope.license,
      licenseUrl: envelope.licenseUrl,
      uri: envelope.uri,
      modified: latest([...plans, ...milestones, ...kpis].map((r) => r.updatedAt)),
      city: { id: city.id, name: city.name, country: city.country, hubId: city.hub_id },
      plans: plans.map((plan) => ({
        ...plan,
        milestones: milestones.filter((m) => m.actionPlanId === plan.id),
        kpis: kpis
          .filter((k) => k.actionPlanId === plan.id)
          .map((k) => ({
            ...k,
            measurements: measurements
              .filter((m) => m.kpiId === k.id)
              .map((m) => ({ date: m.date, value: m.value, source: m.source, note: m.note })),
          })),
      })),
    };
  }

  async hubPlans(hubId: string): Promise<OpenHubPlans> {
    const [hub]: { id: string; key: string; name: string }[] = await this.db.query('SELECT id, key, name FROM hubs WHERE id = $1', [hubId]);
    if (!hub) throw new Problem('not_found', 'No such hub');
    const plans = (await this.records({ kind: 'hub', id: hubId }, 'action-plans')) as OpenActionPlan[];
    const { license, licenseUrl, uri, modified } = this.envelope(this.scopeUri({ kind: 'hub', id: hubId }), plans);
    return { license, licenseUrl, uri, modified, hub, plans };
  }

  /** Every city with a published plan: the datasets of the catalogue. */
  async publishedCities(): Promise<{ id: string; name: string; country: string; policies: string[]; issued: Date; modified: Date }[]> {
    return this.db.query(
      `SELECT c.id, c.name, c.country, array_agg(mp.name ORDER BY mp.name) AS policies,
              min(p.published_at) AS issued, max(greatest(p.updated_at, p.published_at)) AS modified
       FROM action_plans p JOIN cities c ON c.id = p.city_id JOIN model_policies mp ON mp.id = p.model_policy_id
       WHERE p.published GROUP BY c.id ORDER BY c.name, c.id`,
    );
  }

  /** The city of a published plan; 404 when there is none (it may have been unpublished since hubOf found it). */
  async cityOfPlan(planId: string): Promise<string> {
    const [row]: { city_id: string }[] = await this.db.query('SELECT city_id FROM action_plans WHERE id = $1 AND published', [planId]);
    if (!row) throw new Problem('not_found', 'No such published action plan');
    return row.city_id;
  }

  scopeUri(scope: OpenScope): string {
    return `${this.base}/${{ city: 'cities', hub: 'hubs', plan: 'action-plans' }[scope.kind]}/${scope.id}`;
  }

  private envelope<T extends OpenRecord>(uri: string, items: T[]): OpenDataSet<T> {
    const stamps = items.map((i) => ('updatedAt' in i ? i.updatedAt : null)).filter((s): s is string => !!s);
    return { license: OPEN_DATA_LICENSE, licenseUrl: OPEN_DATA_LICENSE_URL, uri, modified: latest(stamps), items };
  }

  private async records(scope: OpenScope, table: OpenDataTable): Promise<OpenRecord[]> {
    if (!OPEN_DATA_TABLES.includes(table)) throw new Problem('not_found', 'No such table');
    const conditions = this.scopeConditions(scope);
    switch (table) {
      case 'action-plans':
        return (await this.read.plans(conditions)).map((r) => this.openPlan(r));
      case 'milestones':
        return (await this.read.milestones(conditions)).map(openMilestone);
      case 'kpis':
        return (await this.read.kpis(conditions)).map(openKpi);
      case 'measurements':
        return (await this.read.measurements(conditions)).map(openMeasurement);
    }
  }

  /** Published plans of the scope, on p (plan) and c (city). */
  private scopeConditions(scope: OpenScope): SqlConditions {
    const conditions = new SqlConditions().add('p.published');
    if (scope.kind === 'city') conditions.add('p.city_id = ?', scope.id);
    if (scope.kind === 'hub') conditions.add('c.hub_id = ?', scope.id);
    if (scope.kind === 'plan') conditions.add('p.id = ?', scope.id);
    return conditions;
  }

  private openPlan(r: PlanRow): OpenActionPlan {
    return {
      id: r.id,
      uri: `${this.base}/action-plans/${r.id}`,
      cityId: r.city_id,
      cityName: r.city_name,
      country: r.country,
      hubId: r.hub_id,
      modelPolicyKey: r.model_policy_key,
      modelPolicyName: r.model_policy_name,
      statementOfIntent: r.statement_of_intent,
      stage: r.stage,
      progress: r.progress,
      overdueCount: r.overdue_count,
      publishedAt: (r.published_at ?? r.updated_at).toISOString(),
      updatedAt: r.updated_at.toISOString(),
    };
  }
}

// Owners (owner_id, owner_name) and task titles are left out on purpose: a task count tells the progress.
function openMilestone(r: MilestoneRow): OpenMilestone {
  return {
    id: r.id,
    actionPlanId: r.action_plan_id,
    cityId: r.city_id,
    title: r.title,
    dueDate: r.due_date,
    status: r.status,
    overdue: r.overdue,
    evidenceLinks: r.evidence_links,
    taskCount: r.tasks.length,
    tasksDone: r.tasks.filter((t) => t.done).length,
    updatedAt: r.updated_at.toISOString(),
  };
}

function openKpi(r: KpiRow): OpenKpi {
  return {
    id: r.id,
    actionPlanId: r.action_plan_id,
    cityId: r.city_id,
    name: r.name,
    unit: r.unit,
    direction: r.direction,
    baselineValue: r.baseline_value,
    baselineDate: r.baseline_date,
    targetValue: r.target_value,
    targetDate: r.target_date,
    latestValue: r.latest_value,
    latestDate: r.latest_date,
    status: r.status,
    progress: r.progress,
    updatedAt: r.updated_at.toISOString(),
  };
}

function openMeasurement(r: MeasurementRow): OpenMeasurement {
  return {
    id: r.id,
    kpiId: r.kpi_id,
    actionPlanId: r.action_plan_id,
    cityId: r.city_id,
    date: r.date,
    value: r.value,
    source: r.source,
    note: r.note,
  };
}

function latest(stamps: string[]): string | null {
  return stamps.length ? stamps.reduce((a, b) => (a > b ? a : b)) : null;
}
