import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { Request, Response } from 'express';
import { MILESTONE_CSV_COLUMNS, type ImportReport, type Milestone, type Task } from '@minga/contracts';
import { CurrentPrincipal, type AuthPrincipal } from '../../platform/access/principal';
import { ApiProblems } from '../../platform/common/api-problems.decorator';
import { JsonOrCsvTable } from './json-or-csv.decorator';
import { csvFile, tableFormatOf } from '../../platform/common/csv';
import { IdParam } from '../../platform/common/id-param.decorator';
import {
  CreateMilestoneDto,
  CreateTaskDto,
  CsvImportBodyDto,
  ImportQueryDto,
  ImportReportDto,
  MilestoneDto,
  MilestoneListDto,
  TableFormatQueryDto,
  TaskDto,
  UpdateMilestoneDto,
  UpdateTaskDto,
} from './action-plans.dto';
import { MilestonesService } from './milestones.service';
import { PlanAccess } from './plan-access';
import { csvOfBody } from './plan-import';

@ApiTags('action-plans')
@Controller()
export class MilestonesController {
  constructor(
    private readonly milestones: MilestonesService,
    private readonly planAccess: PlanAccess,
  ) {}

  /** The plan's milestones by due date, as JSON or as CSV (`?format=csv` or `Accept: text/csv`) in the import's columns. */
  @Get('action-plans/:id/milestones')
  @JsonOrCsvTable(MilestoneListDto)
  async list(
    @IdParam() id: string,
    @Query() query: TableFormatQueryDto,
    @CurrentPrincipal() me: AuthPrincipal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Milestone[] | StreamableFile> {
    await this.planAccess.assert(me, 'read', 'plan', id);
    if (tableFormatOf(req, query.format) === 'csv')
      return csvFile(res, 'milestones', MILESTONE_CSV_COLUMNS, await this.milestones.csvRows(id));
    return this.milestones.list(id);
  }

  @Post('action-plans/:id/milestones')
  @ApiProblems([400, 401, 403, 404, 409])
  @ZodResponse({ status: 201, type: MilestoneDto })
  async create(@IdParam() id: string, @Body() body: CreateMilestoneDto, @CurrentPrincipal() me: AuthPrincipal): Promise<Milestone> {
    const scope = await this.planAccess.assert(me, 'update', 'plan', id);
    return this.milestones.create(scope, body, me.id);
  }

  /**
   * Adds milestones from CSV (columns: title, due_date, status, owner_id, evidence_links, tasks; lists separated by
   * `|`), all or nothing. `?dryRun=true` only validates. Invalid rows: 400 with `rows.<line>.<column>` field errors.
   */
  @Post('action-plans/:id/milestones/import')
  @HttpCode(200)
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({ type: CsvImportBodyDto })
  @ApiProblems([400, 401, 403, 404, 409, 413])
  @ZodResponse({ type: ImportReportDto })
  async import(
    @IdParam() id: string,
    @Query() query: ImportQueryDto,
    @Body() body: unknown,
    @CurrentPrincipal() me: AuthPrincipal,
  ): Promise<ImportReport> {
    const scope = await this.planAccess.assert(me, 'update', 'plan', id);
    return this.milestones.import(scope, csvOfBody(body), query.dryRun, me.id);
  }

  @Patch('milestones/:id')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: MilestoneDto })
  async update(@IdParam() id: string, @Body() body: UpdateMilestoneDto, @CurrentPrincipal() me: AuthPrincipal): Promise<Milestone> {
    await this.planAccess.assert(me, 'update', 'milestone', id);
    return this.milestones.update(id, body, me.id);
  }

  @Delete('milestones/:id')
  @HttpCode(204)
  @ApiProblems([400, 401, 403, 404])
  async remove(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<void> {
    await this.planAccess.assert(me, 'delete', 'milestone', id);
    await this.milestones.remove(id, me.id);
  }

  @Post('milestones/:id/tasks')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ status: 201, type: TaskDto })
  async addTask(@IdParam() id: string, @Body() body: CreateTaskDto, @CurrentPrincipal() me: AuthPrincipal): Promise<Task> {
    await this.planAccess.assert(me, 'update', 'milestone', id);
    return this.milestones.addTask(id, body, me.id);
  }

  @Patch('tasks/:id')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: TaskDto })
  async updateTask(@IdParam() id: string, @Body() body: UpdateTaskDto, @CurrentPrincipal() me: AuthPrincipal): Promise<Task> {
    await this.planAccess.assert(me, 'update', 'task', id);
    return this.milestones.updateTask(id, body, me.id);
  }

  @Delete('tasks/:id')
  @HttpCode(204)
  @ApiProblems([400, 401, 403, 404])
  async removeTask(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<void> {
    await this.planAccess.assert(me, 'delete', 'task', id);
    await this.milestones.removeTask(id, me.id);
  }

  /** Parts of a plan are decided on their plan: changing one is `update`, removing one is `delete`. */
}
