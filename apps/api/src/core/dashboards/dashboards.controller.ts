import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { cohortDashboardSchema, hubDashboardSchema, type Dashboard, type DashboardQuery } from '@minga/contracts';
import { AccessService } from '../../platform/access/access.service';
import { CurrentPrincipal, type AuthPrincipal } from '../../platform/access/principal';
import { PlanDataCache } from '../action-plans/plan-data-cache';
import { CohortsService } from '../cohorts/cohorts.service';
import { ApiProblems } from '../../platform/common/api-problems.decorator';
import { csvText, tableFormatOf, type CsvCell } from '../../platform/common/csv';
import { sendWithEtag } from '../../platform/common/http-cache';
import { IdParam } from '../../platform/common/id-param.decorator';
import { CohortDashboardDto, DashboardQueryDto, HubDashboardDto } from './dashboards.dto';
import { DashboardsService } from './dashboards.service';

const MATRIX_CSV_COLUMNS = [
  'city_id',
  'city',
  'country',
  'city_status',
  'model_policy',
  'stage',
  'progress',
  'overdue_milestones',
  'published',
  'action_plan_id',
];

@ApiTags('dashboards')
@Controller()
export class DashboardsController {
  constructor(
    private readonly dashboards: DashboardsService,
    private readonly cohorts: CohortsService,
    private readonly cache: PlanDataCache,
    private readonly access: AccessService,
  ) {}

  /**
   * The hub's adoption matrix (cities × model policies, stage of each plan), milestones due and overdue, KPI
   * progress per city and why a city is behind; filters by model policy, stage and city status. JSON, or the matrix
   * as CSV (`?format=csv` or `Accept: text/csv`). Cached until a plan of the hub changes; ETag and 304 supported.
   */
  @Get('hubs/:hubId/dashboard')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: HubDashboardDto })
  @ApiProblems([400, 401, 403, 404])
  async hub(
    @IdParam('hubId') hubId: string,
    @Query() query: DashboardQueryDto,
    @CurrentPrincipal() me: AuthPrincipal,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    this.access.assert(me, 'read', { kind: 'Hub', id: hubId });
    await this.send(req, res, query, `dashboard:${hubId}`, hubId, (filters) =>
      this.dashboards.hubDashboard(hubId, filters).then((d) => hubDashboardSchema.parse(d)),
    );
  }

  /**
   * The same dashboard over a cohort's member cities, which may belong to several hubs. Cached like a hub's, until a
   * plan of any hub or the cohort's membership changes.
   */
  @Get('cohorts/:cohortId/dashboard')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: CohortDashboardDto })
  @ApiProblems([400, 401, 403, 404])
  async cohort(
    @IdParam('cohortId') cohortId: string,
    @Query() query: DashboardQueryDto,
    @CurrentPrincipal() me: AuthPrincipal,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const cohort = await this.cohorts.findOne(cohortId);
    this.access.assert(me, 'read', { kind: 'Cohort', id: cohortId, hubId: cohort.hubId });
    const summary = { id: cohort.id, name: cohort.name, hubId: cohort.hubId, modelPolicyId: cohort.modelPolicy?.id ?? null };
    const cityIds = cohort.cities.map((city) => city.id);
    await this.send(req, res, query, `cohort-dashboard:${cohortId}:${cohort.updatedAt}`, undefined, (filters) =>
      this.dashboards.cohortDashboard({ ...summary, cityIds }, filters).then((d) => cohortDashboardSchema.parse(d)),
    );
  }

  /** JSON (serialised through its contract) or the matrix as CSV, from bytes cached per revision of `hubId` (undefined: of every hub). */
  private async send(
    req: Request,
    res: Response,
    query: DashboardQuery,
    keyPrefix: string,
    hubId: string | undefined,
    compute: (filters: DashboardQuery) => Promise<Dashboard>,
  ): Promise<void> {
    const format = tableFormatOf(req, query.format);
    const filters = { modelPolicyId: query.modelPolicyId, stage: query.stage, cityStatus: query.cityStatus };
    const key = `${keyPrefix}:${format}:${JSON.stringify(filters)}`;
    const cached = await this.cache.get(key, hubId, async () => {
      const dashboard = await compute(filters);
      return format === 'csv' ? matrixCsv(dashboard) : JSON.stringify(dashboard);
    });
    if (format === 'csv') res.setHeader('Content-Disposition', 'attachment; filename="dashboard.csv"');
    sendWithEtag(req, res, cached, format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8', 'private, no-cache');
  }
}

/** One row per city and plan (a city without a plan gets one row with the plan columns empty). */
function matrixCsv(dashboard: Dashboard): string {
  const policyName = new Map(dashboard.modelPolicies.map((p) => [p.id, p.name]));
  const cellsOf = new Map<string, Dashboard['cells']>();
  for (const cell of dashboard.cells) cellsOf.set(cell.cityId, [...(cellsOf.get(cell.cityId) ?? []), cell]);
  const rows = dashboard.cities.flatMap((city): CsvCell[][] => {
    const cells = cellsOf.get(city.id) ?? [];
    const base: CsvCell[] = [city.id, city.name, city.country, city.status];
    if (!cells.length) return [[...base, null, null, null, null, null, null]];
    return cells.map((c) => [
      ...base,
      policyName.get(c.modelPolicyId) ?? c.modelPolicyId,
      c.stage,
      c.progress,
      c.overdueCount,
      c.published,
      c.actionPlanId,
    ]);
  });
  return csvText(MATRIX_CSV_COLUMNS, rows);
}
