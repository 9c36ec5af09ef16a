import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { Request, Response } from 'express';
import type { ImportReport, Kpi, Measurement, Page } from '@minga/contracts';
import { CurrentPrincipal, type AuthPrincipal } from '../../platform/access/principal';
import { ApiProblems } from '../../platform/common/api-problems.decorator';
import { JsonOrCsvTable } from './json-or-csv.decorator';
import { csvFile, tableFormatOf } from '../../platform/common/csv';
import { IdParam } from '../../platform/common/id-param.decorator';
import {
  CreateKpiDto,
  CreateMeasurementDto,
  CsvImportBodyDto,
  ImportQueryDto,
  ImportReportDto,
  KpiDto,
  KpiListDto,
  MeasurementDto,
  MeasurementPageDto,
  MeasurementQueryDto,
  PlanMeasurementListDto,
  TableFormatQueryDto,
  UpdateKpiDto,
} from './action-plans.dto';
import { KpisService } from './kpis.service';
import { PlanAccess } from './plan-access';
import { csvOfBody } from './plan-import';

const KPI_CSV_COLUMNS = [
  'id',
  'name',
  'unit',
  'direction',
  'baseline_value',
  'baseline_date',
  'target_value',
  'target_date',
  'latest_value',
  'latest_date',
  'status',
  'progress',
];

@ApiTags('action-plans')
@Controller()
export class KpisController {
  constructor(
    private readonly kpis: KpisService,
    private readonly planAccess: PlanAccess,
  ) {}

  /** The plan's KPIs with latest value, status and progress, as JSON or CSV. */
  @Get('action-plans/:id/kpis')
  @JsonOrCsvTable(KpiListDto)
  async list(
    @IdParam() id: string,
    @Query() query: TableFormatQueryDto,
    @CurrentPrincipal() me: AuthPrincipal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Kpi[] | StreamableFile> {
    await this.planAccess.assert(me, 'read', 'plan', id);
    const kpis = await this.kpis.list(id);
    if (tableFormatOf(req, query.format) !== 'csv') return kpis;
    return csvFile(
      res,
      'kpis',
      KPI_CSV_COLUMNS,
      kpis.map((k) => [
        k.id,
        k.name,
        k.unit,
        k.direction,
        k.baselineValue,
        k.baselineDate,
        k.targetValue,
        k.targetDate,
        k.latestValue,
        k.latestDate,
        k.status,
        k.progress,
      ]),
    );
  }

  @Post('action-plans/:id/kpis')
  @ApiProblems([400, 401, 403, 404, 409])
  @ZodResponse({ status: 201, type: KpiDto })
  async create(@IdParam() id: string, @Body() body: CreateKpiDto, @CurrentPrincipal() me: AuthPrincipal): Promise<Kpi> {
    const scope = await this.planAccess.assert(me, 'update', 'plan', id);
    return this.kpis.create(scope, body, me.id);
  }

  /** Every measurement of the plan's KPIs, as JSON or CSV (columns as the measurement import, KPI by name). */
  @Get('action-plans/:id/measurements')
  @JsonOrCsvTable(PlanMeasurementListDto)
  async planMeasurements(
    @IdParam() id: string,
    @Query() query: TableFormatQueryDto,
    @CurrentPrincipal() me: AuthPrincipal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<(Measurement & { kpiName: string })[] | StreamableFile> {
    await this.planAccess.assert(me, 'read', 'plan', id);
    const measurements = await this.kpis.planMeasurements(id);
    if (tableFormatOf(req, query.format) !== 'csv') return measurements;
    return csvFile(
      res,
      'measurements',
      ['kpi', 'date', 'value', 'source', 'note'],
      measurements.map((m) => [m.kpiName, m.date, m.value, m.source, m.note]),
    );
  }

  /**
   * Adds measurements from CSV (columns: kpi (id or name), date, value, source, note), all or nothing.
   * `?dryRun=true` only validates. Invalid rows: 400 with `rows.<line>.<column>` field errors.
   */
  @Post('action-plans/:id/measurements/import')
  @HttpCode(200)
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({ type: CsvImportBodyDto })
  @ApiProblems([400, 401, 403, 404, 413])
  @ZodResponse({ type: ImportReportDto })
  async import(
    @IdParam() id: string,
    @Query() query: ImportQueryDto,
    @Body() body: unknown,
    @CurrentPrincipal() me: AuthPrincipal,
  ): Promise<ImportReport> {
    const scope = await this.planAccess.assert(me, 'update', 'plan', id);
    return this.kpis.import(scope, csvOfBody(body), query.dryRun, me.id);
  }

  @Patch('kpis/:id')
  @ApiProblems([400, 401, 403, 404, 409])
  @ZodResponse({ type: KpiDto })
  async update(@IdParam() id: string, @Body() body: UpdateKpiDto, @CurrentPrincipal() me: AuthPrincipal): Promise<Kpi> {
    await this.planAccess.assert(me, 'update', 'kpi', id);
    return this.kpis.update(id, body, me.id);
  }

  @Delete('kpis/:id')
  @HttpCode(204)
  @ApiProblems([400, 401, 403, 404])
  async remove(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<void> {
    await this.planAccess.assert(me, 'delete', 'kpi', id);
    await this.kpis.remove(id, me.id);
  }

  /** A KPI's measurements, oldest first (the order of a chart), a page at a time. */
  @Get('kpis/:id/measurements')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: MeasurementPageDto })
  async measurements(
    @IdParam() id: string,
    @Query() query: MeasurementQueryDto,
    @CurrentPrincipal() me: AuthPrincipal,
  ): Promise<Page<Measurement>> {
    await this.planAccess.assert(me, 'read', 'kpi', id);
    return this.kpis.measurements(id, query);
  }

  /** Records a value; one per KPI and day (a second one for the same day is a 409). */
  @Post('kpis/:id/measurements')
  @ApiProblems([400, 401, 403, 404, 409])
  @ZodResponse({ status: 201, type: MeasurementDto })
  async addMeasurement(
    @IdParam() id: string,
    @Body() body: CreateMeasurementDto,
    @CurrentPrincipal() me: AuthPrincipal,
  ): Promise<Measurement> {
    await this.planAccess.assert(me, 'update', 'kpi', id);
    return this.kpis.addMeasurement(id, body, me.id);
  }

  @Delete('measurements/:id')
  @HttpCode(204)
  @ApiProblems([400, 401, 403, 404])
  async removeMeasurement(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<void> {
    await this.planAccess.assert(me, 'delete', 'measurement', id);
    await this.kpis.removeMeasurement(id, me.id);
  }
}
