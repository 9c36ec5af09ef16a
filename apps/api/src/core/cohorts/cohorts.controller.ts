import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { Cohort, CohortOverview, CohortPerson, SlotResult } from '@minga/contracts';
import { AccessService } from '../../platform/access/access.service';
import { CurrentPrincipal, type AuthPrincipal } from '../../platform/access/principal';
import { ApiProblems } from '../../platform/common/api-problems.decorator';
import { IdParam } from '../../platform/common/id-param.decorator';
import {
  CohortDto,
  CohortListDto,
  CohortOverviewDto,
  CohortPeopleDto,
  CreateCohortDto,
  SlotQueryDto,
  SlotResultDto,
  UpdateCohortDto,
} from './cohorts.dto';
import { CohortsService } from './cohorts.service';
import { SlotFinderService } from './slot-finder.service';

@ApiTags('cohorts')
@Controller()
export class CohortsController {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly slots: SlotFinderService,
    private readonly access: AccessService,
  ) {}

  @Get('hubs/:hubId/cohorts')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: CohortListDto })
  async list(@IdParam('hubId') hubId: string, @CurrentPrincipal() me: AuthPrincipal): Promise<Cohort[]> {
    this.access.assert(me, 'read', { kind: 'Cohort', id: '', hubId });
    return this.cohorts.listForHub(hubId);
  }

  /** Coordinators of the hub (and admins) form cohorts; member cities may belong to any hub. */
  @Post('hubs/:hubId/cohorts')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ status: 201, type: CohortDto })
  async create(@IdParam('hubId') hubId: string, @Body() body: CreateCohortDto, @CurrentPrincipal() me: AuthPrincipal): Promise<Cohort> {
    this.access.assert(me, 'create', { kind: 'Cohort', id: '', hubId });
    return this.cohorts.create(hubId, body, me.id);
  }

  @Get('cohorts/:id')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: CohortDto })
  async get(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<Cohort> {
    const { hubId } = await this.cohorts.scopeOf(id);
    this.access.assert(me, 'read', { kind: 'Cohort', id, hubId });
    return this.cohorts.findOne(id);
  }

  /** The cohort page: member cities with their draft's status and their action plan's progress, and the people. */
  @Get('cohorts/:id/overview')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: CohortOverviewDto })
  async overview(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<CohortOverview> {
    const { hubId } = await this.cohorts.scopeOf(id);
    this.access.assert(me, 'read', { kind: 'Cohort', id, hubId });
    return this.cohorts.overview(id);
  }

  @Get('cohorts/:id/people')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: CohortPeopleDto })
  async people(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<CohortPerson[]> {
    const { hubId } = await this.cohorts.scopeOf(id);
    this.access.assert(me, 'read', { kind: 'Cohort', id, hubId });
    return this.cohorts.people(id);
  }

  /** `cityIds` and `expertIds` replace the whole lists when given. */
  @Patch('cohorts/:id')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: CohortDto })
  async update(@IdParam() id: string, @Body() body: UpdateCohortDto, @CurrentPrincipal() me: AuthPrincipal): Promise<Cohort> {
    const { hubId } = await this.cohorts.scopeOf(id);
    this.access.assert(me, 'update', { kind: 'Cohort', id, hubId });
    return this.cohorts.update(id, body, me.id);
  }

  /** Only a cohort without meetings can be deleted (409 otherwise). */
  @Delete('cohorts/:id')
  @HttpCode(204)
  @ApiProblems([400, 401, 403, 404, 409])
  async remove(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<void> {
    const { hubId } = await this.cohorts.scopeOf(id);
    this.access.assert(me, 'delete', { kind: 'Cohort', id, hubId });
    await this.cohorts.remove(id);
  }

  /**
   * The fair slot finder: the best slots between two days by the members' working hours (from their profiles) and
   * weekends by locale; with `seriesLength`, a rotation so that no zone always meets outside its hours.
   */
  @Get('cohorts/:id/slots')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: SlotResultDto })
  async findSlots(@IdParam() id: string, @Query() query: SlotQueryDto, @CurrentPrincipal() me: AuthPrincipal): Promise<SlotResult> {
    const { hubId } = await this.cohorts.scopeOf(id);
    this.access.assert(me, 'read', { kind: 'Cohort', id, hubId });
    return this.slots.find(id, query);
  }
}
