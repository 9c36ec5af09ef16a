import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { InviteeList, Meeting, OccurrencePage } from '@minga/contracts';
import { AccessService } from '../../platform/access/access.service';
import { CurrentPrincipal, type AuthPrincipal } from '../../platform/access/principal';
import { CohortsService } from '../cohorts/cohorts.service';
import { ApiProblems } from '../../platform/common/api-problems.decorator';
import { IdParam } from '../../platform/common/id-param.decorator';
import {
  CreateMeetingDto,
  InviteeListDto,
  InviteeQueryDto,
  MeetingDto,
  MeetingListDto,
  OccurrencePageDto,
  OccurrenceQueryDto,
  UpdateMeetingDto,
} from './meetings.dto';
import { MeetingInviteesService } from './meeting-invitees.service';
import { MeetingsService } from './meetings.service';
import { OccurrencesService } from './occurrences.service';

@ApiTags('meetings')
@Controller()
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly occurrences: OccurrencesService,
    private readonly invitees: MeetingInviteesService,
    private readonly cohorts: CohortsService,
    private readonly access: AccessService,
  ) {}

  @Get('cohorts/:id/meetings')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: MeetingListDto })
  async listForCohort(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<Meeting[]> {
    const { hubId } = await this.cohorts.scopeOf(id);
    this.access.assert(me, 'read', { kind: 'Cohort', id, hubId });
    return this.meetings.list({ cohortId: id }, me);
  }

  /** Coordinators of the cohort's hub schedule; invitations go to the cohort's members unless `inviteeIds` is given. */
  @Post('cohorts/:id/meetings')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ status: 201, type: MeetingDto })
  async createForCohort(@IdParam() id: string, @Body() body: CreateMeetingDto, @CurrentPrincipal() me: AuthPrincipal): Promise<Meeting> {
    const { hubId } = await this.cohorts.scopeOf(id);
    this.access.assert(me, 'create', { kind: 'Meeting', id: '', hubId, organiserId: me.id, invited: true });
    return this.meetings.create({ hubId, cohortId: id }, body, me);
  }

  @Get('hubs/:hubId/meetings')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: MeetingListDto })
  async listForHub(@IdParam('hubId') hubId: string, @CurrentPrincipal() me: AuthPrincipal): Promise<Meeting[]> {
    await this.cohorts.hubExists(hubId);
    this.access.assert(me, 'read', 'Meeting');
    return this.meetings.list({ hubId }, me);
  }

  /** A hub meeting (no cohort): invitations go to the hub's members unless `inviteeIds` is given. */
  @Post('hubs/:hubId/meetings')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ status: 201, type: MeetingDto })
  async createForHub(
    @IdParam('hubId') hubId: string,
    @Body() body: CreateMeetingDto,
    @CurrentPrincipal() me: AuthPrincipal,
  ): Promise<Meeting> {
    await this.cohorts.hubExists(hubId);
    this.access.assert(me, 'create', { kind: 'Meeting', id: '', hubId, organiserId: me.id, invited: true });
    return this.meetings.create({ hubId, cohortId: null }, body, me);
  }

  @Get('meetings/:id')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: MeetingDto })
  async get(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<Meeting> {
    this.access.assert(me, 'read', await this.meetings.resourceFor(id, me));
    return this.meetings.findOne(id, me);
  }

  /** Edits the meeting or series (re-expanding it), or cancels it with `status: 'cancelled'`. */
  @Patch('meetings/:id')
  @ApiProblems([400, 401, 403, 404, 409])
  @ZodResponse({ type: MeetingDto })
  async update(@IdParam() id: string, @Body() body: UpdateMeetingDto, @CurrentPrincipal() me: AuthPrincipal): Promise<Meeting> {
    this.access.assert(me, 'update', await this.meetings.resourceFor(id, me));
    return this.meetings.update(id, body, me);
  }

  @Get('meetings/:id/occurrences')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: OccurrencePageDto })
  async occurrencesOfMeeting(
    @IdParam() id: string,
    @Query() query: OccurrenceQueryDto,
    @CurrentPrincipal() me: AuthPrincipal,
  ): Promise<OccurrencePage> {
    this.access.assert(me, 'read', await this.meetings.resourceFor(id, me));
    return this.occurrences.list({ meetingId: id }, query, me);
  }

  /** Who is invited, with their answer to the next upcoming occurrence or to `occurrenceId` (those who may attend). */
  @Get('meetings/:id/invitees')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: InviteeListDto })
  async inviteesOf(@IdParam() id: string, @Query() query: InviteeQueryDto, @CurrentPrincipal() me: AuthPrincipal): Promise<InviteeList> {
    this.access.assert(me, 'attend', await this.meetings.resourceFor(id, me));
    return this.invitees.list(id, query.occurrenceId);
  }

  @Get('cohorts/:id/occurrences')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: OccurrencePageDto })
  async occurrencesOfCohort(
    @IdParam() id: string,
    @Query() query: OccurrenceQueryDto,
    @CurrentPrincipal() me: AuthPrincipal,
  ): Promise<OccurrencePage> {
    const { hubId } = await this.cohorts.scopeOf(id);
    this.access.assert(me, 'read', { kind: 'Cohort', id, hubId });
    return this.occurrences.list({ cohortId: id }, query, me);
  }

  @Get('hubs/:hubId/occurrences')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: OccurrencePageDto })
  async occurrencesOfHub(
    @IdParam('hubId') hubId: string,
    @Query() query: OccurrenceQueryDto,
    @CurrentPrincipal() me: AuthPrincipal,
  ): Promise<OccurrencePage> {
    await this.cohorts.hubExists(hubId);
    this.access.assert(me, 'read', 'Meeting');
    return this.occurrences.list({ hubId }, query, me);
  }

  /** The caller's meetings (those they are invited to) in a date range. */
  @Get('me/meetings')
  @ApiProblems([400, 401])
  @ZodResponse({ type: OccurrencePageDto })
  async mine(@Query() query: OccurrenceQueryDto, @CurrentPrincipal() me: AuthPrincipal): Promise<OccurrencePage> {
    return this.occurrences.list({ inviteeId: me.id }, query, me);
  }
}
