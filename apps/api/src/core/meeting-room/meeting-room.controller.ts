import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { ActionItem, AttendanceReport, CreateActionItem, Minutes, Poll } from '@minga/contracts';
import { CurrentPrincipal, type AuthPrincipal } from '../../platform/access/principal';
import { ApiProblems } from '../../platform/common/api-problems.decorator';
import { IdParam } from '../../platform/common/id-param.decorator';
import { Problem } from '../../platform/common/problem';
import { ActionItemsService } from './action-items.service';
import { AttendanceService } from './attendance.service';
import {
  ActionItemDto,
  ActionItemListDto,
  AttendanceReportDto,
  CreateActionItemDto,
  MinutesDto,
  PollListDto,
  SendToPlanDto,
  UpdateActionItemDto,
  UpdateMinutesDto,
} from './meeting-room.dto';
import { MinutesService } from './minutes.service';
import { RoomAccess } from './room-access';
import { RoomStore } from './room-store';

/** What a meeting occurrence leaves behind: attendance, poll results, minutes and action items. */
@ApiTags('meeting-room')
@Controller()
export class MeetingRoomController {
  constructor(
    private readonly room: RoomAccess,
    private readonly store: RoomStore,
    private readonly attendance: AttendanceService,
    private readonly minutes: MinutesService,
    private readonly actionItems: ActionItemsService,
  ) {}

  /** Per person: city, role, first join, last leave and minutes present; and the invitees who never came. */
  @Get('occurrences/:id/attendance')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: AttendanceReportDto })
  async attendanceReport(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<AttendanceReport> {
    const { ctx } = await this.room.assert(me, id, 'host');
    return this.attendance.report(ctx);
  }

  @Get('occurrences/:id/polls')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: PollListDto })
  async polls(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<Poll[]> {
    await this.room.assert(me, id, 'participant');
    return this.store.pollHistory(id, me.id);
  }

  @Get('occurrences/:id/minutes')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: MinutesDto })
  async getMinutes(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<Minutes> {
    const { role } = await this.room.assert(me, id, 'participant');
    return this.minutes.get(id, role === 'host');
  }

  /** Drafts the minutes from the meeting's shared notes as they are now (again, while they are a draft). */
  @Post('occurrences/:id/minutes')
  @ApiProblems([400, 401, 403, 404, 409])
  @ZodResponse({ status: 201, type: MinutesDto })
  async draftMinutes(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<Minutes> {
    await this.room.assert(me, id, 'host');
    return this.minutes.draftFromNotes(id, me);
  }

  @Patch('occurrences/:id/minutes')
  @ApiProblems([400, 401, 403, 404, 409])
  @ZodResponse({ type: MinutesDto })
  async editMinutes(@IdParam() id: string, @Body() body: UpdateMinutesDto, @CurrentPrincipal() me: AuthPrincipal): Promise<Minutes> {
    await this.room.assert(me, id, 'host');
    return this.minutes.update(id, body);
  }

  @Post('occurrences/:id/minutes/approve')
  @HttpCode(200)
  @ApiProblems([400, 401, 403, 404, 409])
  @ZodResponse({ type: MinutesDto })
  async approveMinutes(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<Minutes> {
    await this.room.assert(me, id, 'host');
    return this.minutes.approve(id, me);
  }

  @Post('occurrences/:id/minutes/publish')
  @HttpCode(200)
  @ApiProblems([400, 401, 403, 404, 409])
  @ZodResponse({ type: MinutesDto })
  async publishMinutes(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<Minutes> {
    const { ctx } = await this.room.assert(me, id, 'host');
    return this.minutes.publish(ctx, me);
  }

  @Get('occurrences/:id/action-items')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: ActionItemListDto })
  async listActionItems(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<ActionItem[]> {
    await this.room.assert(me, id, 'participant');
    return this.actionItems.list(id);
  }

  @Post('occurrences/:id/action-items')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ status: 201, type: ActionItemDto })
  async createActionItem(
    @IdParam() id: string,
    @Body() body: CreateActionItemDto,
    @CurrentPrincipal() me: AuthPrincipal,
  ): Promise<ActionItem> {
    await this.room.assert(me, id, 'participant');
    return this.actionItems.create(id, body as Required<CreateActionItem>, me);
  }

  /** The host, or the item's owner, changes it until it is sent to a plan. */
  @Patch('meeting-action-items/:id')
  @ApiProblems([400, 401, 403, 404, 409])
  @ZodResponse({ type: ActionItemDto })
  async updateActionItem(
    @IdParam() id: string,
    @Body() body: UpdateActionItemDto,
    @CurrentPrincipal() me: AuthPrincipal,
  ): Promise<ActionItem> {
    const item = await this.actionItems.findOne(id);
    const { role } = await this.room.assert(me, item.occurrenceId, 'participant');
    if (role !== 'host' && item.owner?.id !== me.id)
      throw new Problem('forbidden', 'Only the host or the owner may change this action item');
    return this.actionItems.update(id, body);
  }

  @Delete('meeting-action-items/:id')
  @HttpCode(204)
  @ApiProblems([400, 401, 403, 404, 409])
  async deleteActionItem(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<void> {
    const item = await this.actionItems.findOne(id);
    await this.room.assert(me, item.occurrenceId, 'host');
    await this.actionItems.remove(id);
  }

  /** Adds the item as a milestone of its city's action plan: for those who may attend and may update that plan. */
  @Post('meeting-action-items/:id/send-to-plan')
  @HttpCode(200)
  @ApiProblems([400, 401, 403, 404, 409])
  @ZodResponse({ type: ActionItemDto })
  async sendToPlan(@IdParam() id: string, @Body() body: SendToPlanDto, @CurrentPrincipal() me: AuthPrincipal): Promise<ActionItem> {
    const item = await this.actionItems.findOne(id);
    const { ctx } = await this.room.assert(me, item.occurrenceId, 'participant');
    return this.actionItems.sendToPlan(item, ctx, body, me);
  }
}
