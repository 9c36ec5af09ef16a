import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { ActionPlan, HistoryEntry, Page } from '@minga/contracts';
import { AccessService } from '../../platform/access/access.service';
import { CurrentPrincipal, type AuthPrincipal } from '../../platform/access/principal';
import { ApiProblems } from '../../platform/common/api-problems.decorator';
import { IdParam } from '../../platform/common/id-param.decorator';
import {
  ActionPlanDto,
  ActionPlanListDto,
  CreateActionPlanDto,
  HistoryPageDto,
  HistoryQueryDto,
  UpdateActionPlanDto,
} from './action-plans.dto';
import { ActionPlansService } from './action-plans.service';
import { PlanAccess, planResource } from './plan-access';

@ApiTags('action-plans')
@Controller()
export class ActionPlansController {
  constructor(
    private readonly plans: ActionPlansService,
    private readonly access: AccessService,
    private readonly planAccess: PlanAccess,
  ) {}

  /** The city's plans the caller may read (all of them for members of the alliance). */
  @Get('cities/:cityId/action-plans')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: ActionPlanListDto })
  async listForCity(@IdParam('cityId') cityId: string, @CurrentPrincipal() me: AuthPrincipal): Promise<ActionPlan[]> {
    await this.plans.cityScope(cityId);
    const ability = this.access.abilityFor(me);
    const plans = await this.plans.listForCity(cityId);
    return plans.filter((p) =>
      ability.can('read', planResource({ planId: p.id, cityId: p.cityId, hubId: p.hubId, published: p.published })),
    );
  }

  /** One plan per city and model policy: a second one for the same policy is a 409. */
  @Post('cities/:cityId/action-plans')
  @ApiProblems([400, 401, 403, 404, 409])
  @ZodResponse({ status: 201, type: ActionPlanDto })
  async create(
    @IdParam('cityId') cityId: string,
    @Body() body: CreateActionPlanDto,
    @CurrentPrincipal() me: AuthPrincipal,
  ): Promise<ActionPlan> {
    const { hubId } = await this.plans.cityScope(cityId);
    this.access.assert(me, 'create', { kind: 'ActionPlan', id: '', cityId, hubId, published: body.published });
    return this.plans.create(cityId, body, me.id);
  }

  @Get('action-plans/:id')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: ActionPlanDto })
  async get(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<ActionPlan> {
    await this.planAccess.assert(me, 'read', 'plan', id);
    return this.plans.findOne(id);
  }

  /** Changes the statement of intent, moves the adoption stage, links the draft, publishes or withdraws the plan. */
  @Patch('action-plans/:id')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: ActionPlanDto })
  async update(@IdParam() id: string, @Body() body: UpdateActionPlanDto, @CurrentPrincipal() me: AuthPrincipal): Promise<ActionPlan> {
    await this.planAccess.assert(me, 'update', 'plan', id);
    return this.plans.update(id, body, me.id);
  }

  @Delete('action-plans/:id')
  @HttpCode(204)
  @ApiProblems([400, 401, 403, 404])
  async remove(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<void> {
    await this.planAccess.assert(me, 'delete', 'plan', id);
    await this.plans.remove(id, me.id);
  }

  /** Every change to the plan and its parts, newest first: who, when, each field before and after. */
  @Get('action-plans/:id/history')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: HistoryPageDto })
  async history(
    @IdParam() id: string,
    @Query() query: HistoryQueryDto,
    @CurrentPrincipal() me: AuthPrincipal,
  ): Promise<Page<HistoryEntry>> {
    await this.planAccess.assert(me, 'read', 'plan', id);
    return this.plans.historyOf(id, query);
  }
}
