import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { hubDashboardSchema, type HubDashboard } from '@minga/contracts';
import { AccessService } from '../access/access.service';
import { CurrentPrincipal, type AuthPrincipal } from '../access/principal';
import { PlanDataCache } from '../action-plans/plan-data-cache';
import { ApiProblems } from '../common/api-problems.decorator';
import { csvText, tableFormatOf, type CsvCell } from '../common/csv';
import { sendWithEtag } from '../common/http-cache';
import { IdParam } from '../common/id-param.decorator';
import { DashboardQueryDto, HubDashboardDto } from './dashboards.dto';
import { DashboardsService } from './dashboards.service';

const MATRIX_CSV_COLUMNS = ['city_id', 'city', 'country', 'city_status', 'model_policy', 'stage', 'progress', 'overdue_milestones', 'published', 'action_plan_id'];

// A cohort dashboard needs cohorts, which another issue brings; it will reuse this service with a city list.
@ApiTags('dashboards')
@Controller('hubs/:hubId/dashboard')
export class DashboardsController {
  constructor(
    private readonly dashboards: DashboardsService,
    private readonly cache: PlanDataCache,
    private readonly access: AccessService,
  ) {}

  /**
   * The hub's adoption matrix (cities × model policies, stage of each plan), milestones due and overdue, KPI
   * progress per city and why a city is behind; filters by model policy, stage and city status. JSON, or the matrix
   * as CSV (`?format=csv` or `Accept: text/csv`). Cached until a plan of the hub changes; ETag and 304 supported.
   */
  @Get()
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
    const format = tableFormatOf(req, query.format);
    const filters = { modelPolicyId: query.modelPolicyId, stage: query.stage, cityStatus: query.cityStatus };
    const key = `dashboard:${hubId}:${format}:${JSON.stringify(filters)}`;
    const cached = await this.cache.get(key, hubId, async () => {
      // Serialised through the contract, as every JSON answer is.
      const dashboard = hubDashboardSchema.parse(await this.dashboards.hubDashboard(hubId, filters));
      return format === 'csv' ? matrixCsv(dashboard) : JSON.stringify(dashboard);
    });
    if (format === 'csv') res.setHeader('Content-Disposition', 'attachment; filename="dashboard.csv"');
    sendWithEtag(req, res, cached, format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8', 'private, no-cache');
  }
}

/** One row per city and plan (a city without a plan gets one row with the plan columns empty). */
function matrixCsv(dashboard: HubDashboard): string {
  const policyName = new Map(dashboard.modelPolicies.map((p) => [p.id, p.name]));
  const cellsOf = new Map<string, HubDashboard['cells']>();
  for (const cell of dashboard.cells) cellsOf.set(cell.cityId, [...(cellsOf.get(cell.cityId) ?? []), cell]);
  const rows = dashboard.cities.flatMap((city): CsvCell[][] => {
    const cells = cellsOf.get(city.id) ?? [];
    const base: CsvCell[] = [city.id, city.name, city.country, city.status];
    if (!cells.length) return [[...base, null, null, null, null, null, null]];
    return cells.map((c) => [...base, policyName.get(c.modelPolicyId) ?? c.modelPolicyId, c.stage, c.progress, c.overdueCount, c.published, c.actionPlanId]);
  });
  return csvText(MATRIX_CSV_COLUMNS, rows);
}
