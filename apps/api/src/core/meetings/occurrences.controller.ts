import { Body, Controller, Delete, Get, Patch, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { AgendaItem, MyRsvpEnvelope, OccurrenceDetail, RsvpList, RsvpResult } from '@minga/contracts';
import { AccessService } from '../../platform/access/access.service';
import { CurrentPrincipal, type AuthPrincipal } from '../../platform/access/principal';
import { ApiProblems } from '../../platform/common/api-problems.decorator';
import { IdParam } from '../../platform/common/id-param.decorator';
import {
  AgendaDto,
  MyRsvpDto,
  OccurrenceDetailDto,
  ReplaceAgendaDto,
  RsvpInputDto,
  RsvpListDto,
  RsvpResultDto,
  UpdateOccurrenceDto,
} from './meetings.dto';
import { MeetingsService } from './meetings.service';
import { OccurrencesService } from './occurrences.service';
import { RsvpService } from './rsvp.service';

@ApiTags('meetings')
@Controller('occurrences/:id')
export class OccurrencesController {
  constructor(
    private readonly occurrences: OccurrencesService,
    private readonly meetings: MeetingsService,
    private readonly rsvps: RsvpService,
    private readonly access: AccessService,
  ) {}

  private async resource(id: string, me: AuthPrincipal) {
    return this.meetings.resourceFor(await this.occurrences.meetingOf(id), me);
  }

  /** One occurrence with its agenda and the cities whose local time the page shows. */
  @Get()
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: OccurrenceDetailDto })
  async get(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<OccurrenceDetail> {
    this.access.assert(me, 'read', await this.resource(id, me));
    return this.occurrences.findOne(id, me);
  }

  /** Moves one occurrence (both instants) or cancels/restores it; the rest of the series stays. */
  @Patch()
  @ApiProblems([400, 401, 403, 404, 409])
  @ZodResponse({ type: OccurrenceDetailDto })
  async update(@IdParam() id: string, @Body() body: UpdateOccurrenceDto, @CurrentPrincipal() me: AuthPrincipal): Promise<OccurrenceDetail> {
    this.access.assert(me, 'update', await this.resource(id, me));
    return this.occurrences.update(id, body, me);
  }

  @Get('agenda')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: AgendaDto })
  async agenda(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<AgendaItem[]> {
    this.access.assert(me, 'read', await this.resource(id, me));
    return this.occurrences.agenda(id);
  }

  /** The host (organiser, hub coordinators, admins) sets this occurrence's agenda. */
  @Put('agenda')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: AgendaDto })
  async replaceAgenda(@IdParam() id: string, @Body() body: ReplaceAgendaDto, @CurrentPrincipal() me: AuthPrincipal): Promise<AgendaItem[]> {
    this.access.assert(me, 'host', await this.resource(id, me));
    return this.occurrences.replaceAgenda(id, body);
  }

  /** The host drops this occurrence's own agenda: it gets the series' agenda and follows its changes again. */
  @Delete('agenda')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: AgendaDto })
  async followSeriesAgenda(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<AgendaItem[]> {
    this.access.assert(me, 'host', await this.resource(id, me));
    return this.occurrences.followSeriesAgenda(id);
  }

  /** The caller's answer (`rsvp: null` before they answer). */
  @Get('rsvp')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: MyRsvpDto })
  async myRsvp(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<MyRsvpEnvelope> {
    this.access.assert(me, 'read', await this.resource(id, me));
    return { rsvp: await this.rsvps.mine(id, me.id) };
  }

  /** Invitees answer yes, no or maybe; a `yes` past capacity joins the waiting list. */
  @Put('rsvp')
  @ApiProblems([400, 401, 403, 404, 409])
  @ZodResponse({ type: RsvpResultDto })
  async respond(@IdParam() id: string, @Body() body: RsvpInputDto, @CurrentPrincipal() me: AuthPrincipal): Promise<RsvpResult> {
    this.access.assert(me, 'respond', await this.resource(id, me));
    return this.rsvps.respond(id, me.id, body.response);
  }

  /** Who answered what: for those who may attend (invitees, hub coordinators, admins). */
  @Get('rsvps')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: RsvpListDto })
  async rsvpList(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<RsvpList> {
    this.access.assert(me, 'attend', await this.resource(id, me));
    return this.rsvps.list(id);
  }
}
