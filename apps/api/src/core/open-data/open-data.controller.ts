import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  dataDictionarySchema,
  openActionPlansSchema,
  openCityPlansSchema,
  openHubPlansSchema,
  openKpisSchema,
  openMeasurementsSchema,
  openMilestonesSchema,
  type OpenDataTable,
} from '@minga/contracts';
import { AccessService } from '../../platform/access/access.service';
import { Public } from '../../platform/access/public.decorator';
import { PlanDataCache } from '../action-plans/plan-data-cache';
import { ApiProblems } from '../../platform/common/api-problems.decorator';
import { csvText, tableFormatOf } from '../../platform/common/csv';
import { sendWithEtag } from '../../platform/common/http-cache';
import { IdParam } from '../../platform/common/id-param.decorator';
import { dataDictionary, dcatCatalog } from './open-data-catalog';
import {
  CityTableParamsDto,
  DataDictionaryDto,
  DcatCatalogDto,
  HubTableParamsDto,
  OpenCityPlansDto,
  OpenDataSetDto,
  OpenDataTableQueryDto,
  OpenHubPlansDto,
} from './open-data.dto';
import { OpenDataService, OPEN_CSV_COLUMNS, type OpenScope } from './open-data.service';

/** Shared caches may keep open data for five minutes; clients revalidate with the ETag after that. */
const CACHE_CONTROL = 'public, max-age=300';
const JSON_TYPE = 'application/json; charset=utf-8';
const TABLE_SCHEMAS = {
  'action-plans': openActionPlansSchema,
  milestones: openMilestonesSchema,
  kpis: openKpisSchema,
  measurements: openMeasurementsSchema,
} as const;

/**
 * Published action plans as open data (CC-BY-4.0), without signing in. Only what the access policy lets anyone
 * read (published plans) is ever selected, and records hold no person. Every answer has an ETag (304 on
 * If-None-Match) and is computed once until a plan of its hub changes.
 */
@ApiTags('open-data')
@Public()
@Controller('open-data')
export class OpenDataController {
  constructor(
    private readonly openData: OpenDataService,
    private readonly cache: PlanDataCache,
    private readonly access: AccessService,
  ) {}

  /** DCAT-AP catalogue (JSON-LD) of the published datasets, one per city, for portals such as CKAN to harvest. */
  @Get('catalog')
  @ApiProduces('application/ld+json')
  @ApiOkResponse({ type: DcatCatalogDto })
  @ApiProblems([], { public: true })
  async catalog(@Req() req: Request, @Res() res: Response): Promise<void> {
    const cached = await this.cache.get('open:catalog', undefined, async () =>
      JSON.stringify(dcatCatalog(this.openData.base, await this.openData.publishedCities())),
    );
    sendWithEtag(req, res, cached, 'application/ld+json; charset=utf-8', CACHE_CONTROL);
  }

  /** Every published table and column: type, meaning and allowed values. */
  @Get('dictionary')
  @ApiOkResponse({ type: DataDictionaryDto })
  @ApiProblems([], { public: true })
  async dictionary(@Req() req: Request, @Res() res: Response): Promise<void> {
    const cached = await this.cache.get('open:dictionary', null, async () => JSON.stringify(dataDictionarySchema.parse(dataDictionary())));
    sendWithEtag(req, res, cached, JSON_TYPE, CACHE_CONTROL);
  }

  /** A city's published plans in one document: milestones, KPIs with their measurements. */
  @Get('cities/:cityId')
  @ApiOkResponse({ type: OpenCityPlansDto })
  @ApiProblems([400, 404], { public: true })
  async city(@IdParam('cityId') cityId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const scope: OpenScope = { kind: 'city', id: cityId };
    const hubId = await this.allowed(scope);
    const cached = await this.cache.get(`open:city:${cityId}`, hubId, async () =>
      JSON.stringify(openCityPlansSchema.parse(await this.openData.cityPlans(cityId))),
    );
    sendWithEtag(req, res, cached, JSON_TYPE, CACHE_CONTROL);
  }

  /** One published plan, in the shape of the city document; the `uri` of every plan record points here. */
  @Get('action-plans/:id')
  @ApiOkResponse({ type: OpenCityPlansDto })
  @ApiProblems([400, 404], { public: true })
  async plan(@IdParam() id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const hubId = await this.allowed({ kind: 'plan', id });
    const cached = await this.cache.get(`open:plan:${id}`, hubId, async () => {
      const cityId = await this.openData.cityOfPlan(id);
      return JSON.stringify(openCityPlansSchema.parse(await this.openData.cityPlans(cityId, id)));
    });
    sendWithEtag(req, res, cached, JSON_TYPE, CACHE_CONTROL);
  }

  /**
   * One table of a city's published plans, as JSON or CSV (`?format=csv` or `Accept: text/csv`). The measurements
   * table comes in pages in JSON (`limit`, `cursor`; follow `nextCursor`); its CSV holds every row.
   */
  @Get('cities/:cityId/:table')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: OpenDataSetDto })
  @ApiProblems([400, 404], { public: true })
  async cityTable(
    @Param() params: CityTableParamsDto,
    @Query() query: OpenDataTableQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.sendTable({ kind: 'city', id: params.cityId }, params.table, query, req, res);
  }

  /** The published plans of a hub's cities (without milestones and KPIs; those are in the tables). */
  @Get('hubs/:hubId')
  @ApiOkResponse({ type: OpenHubPlansDto })
  @ApiProblems([400, 404], { public: true })
  async hub(@IdParam('hubId') hubId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.allowed({ kind: 'hub', id: hubId });
    const cached = await this.cache.get(`open:hub:${hubId}`, hubId, async () =>
      JSON.stringify(openHubPlansSchema.parse(await this.openData.hubPlans(hubId))),
    );
    sendWithEtag(req, res, cached, JSON_TYPE, CACHE_CONTROL);
  }

  /** One table of the published plans of a hub's cities, as JSON or CSV; measurements in pages in JSON, as above. */
  @Get('hubs/:hubId/:table')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: OpenDataSetDto })
  @ApiProblems([400, 404], { public: true })
  async hubTable(
    @Param() params: HubTableParamsDto,
    @Query() query: OpenDataTableQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.sendTable({ kind: 'hub', id: params.hubId }, params.table, query, req, res);
  }

  private async sendTable(
    scope: OpenScope,
    table: OpenDataTable,
    query: OpenDataTableQueryDto,
    req: Request,
    res: Response,
  ): Promise<void> {
    const hubId = await this.allowed(scope);
    const format = tableFormatOf(req, query.format);
    // The measurements table grows without bound: its JSON comes in pages, each cached on its own.
    const paged = table === 'measurements' && format === 'json';
    const key = `open:${scope.kind}:${scope.id}:${table}:${format}${paged ? `:${query.limit}:${query.cursor ?? ''}` : ''}`;
    const cached = await this.cache.get(key, hubId, async () => {
      const data = TABLE_SCHEMAS[table].parse(
        paged ? await this.openData.measurementPage(scope, query) : await this.openData.table(scope, table),
      );
      return format === 'csv' ? csvText(OPEN_CSV_COLUMNS[table], this.openData.csvRows(table, data.items)) : JSON.stringify(data);
    });
    if (format === 'csv') res.setHeader('Content-Disposition', `attachment; filename="${table}.csv"`);
    sendWithEtag(req, res, cached, format === 'csv' ? 'text/csv; charset=utf-8' : JSON_TYPE, CACHE_CONTROL);
  }

  /**
   * Open data is what the access policy lets anyone read: published plans. The queries select only those; this asks
   * the policy that an anonymous reader may read a published plan of this scope, so the two cannot drift apart.
   */
  private async allowed(scope: OpenScope): Promise<string | null> {
    const hubId = await this.openData.hubOf(scope);
    this.access.assert(null, 'read', {
      kind: 'ActionPlan',
      id: scope.kind === 'plan' ? scope.id : '',
      cityId: scope.kind === 'city' ? scope.id : '',
      hubId,
      published: true,
    });
    return hubId;
  }
}
