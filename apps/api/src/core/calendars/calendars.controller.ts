import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { ZodResponse } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import type { Principal } from '@minga/access';
import { CALENDAR_CONTENT_TYPE, type CalendarFeed, type CreatedCalendarFeed } from '@minga/contracts';
import { AccessService } from '../../platform/access/access.service';
import { CurrentPrincipal, type AuthPrincipal } from '../../platform/access/principal';
import { Public } from '../../platform/access/public.decorator';
import { ApiProblems } from '../../platform/common/api-problems.decorator';
import { IdParam } from '../../platform/common/id-param.decorator';
import { Problem } from '../../platform/common/problem';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { CohortsService } from '../cohorts/cohorts.service';
import { MeetingsService } from '../meetings/meetings.service';
import { UsersService } from '../users/users.service';
import { calendarMeetings, type CalendarMeeting, type CalendarScope } from './calendar-read-model';
import { CalendarFeedsService } from './calendar-feeds.service';
import { CalendarFeedListDto, CreateCalendarFeedDto, CreatedCalendarFeedDto } from './calendars.dto';
import { meetingsToIcs } from './ics';

/** How often calendar apps should fetch a subscription again: changes reach them within the hour. */
const FEED_REFRESH_SECONDS = 3600;

@ApiTags('calendars')
@Controller()
export class CalendarsController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly feeds: CalendarFeedsService,
    private readonly meetings: MeetingsService,
    private readonly cohorts: CohortsService,
    private readonly access: AccessService,
    private readonly users: UsersService,
  ) {}

  /** One meeting (or series) as an .ics file to import. */
  @Get('meetings/:id/calendar')
  @ApiProduces('text/calendar')
  @ApiProblems([400, 401, 403, 404])
  async meetingCalendar(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal, @Res() res: Response): Promise<void> {
    this.access.assert(me, 'read', await this.meetings.resourceFor(id, me));
    const rows: { time_zone: string }[] = await this.db.query('SELECT time_zone FROM users WHERE id = $1', [me.id]);
    const ics = await this.render({ meetingId: id }, me, 'Minga meeting', rows[0]?.time_zone ?? 'UTC');
    res.setHeader('Content-Disposition', `attachment; filename="meeting-${id}.ics"`);
    res.type(CALENDAR_CONTENT_TYPE).send(ics);
  }

  @Get('me/calendar-feeds')
  @ApiProblems([401])
  @ZodResponse({ type: CalendarFeedListDto })
  async list(@CurrentPrincipal() me: AuthPrincipal): Promise<CalendarFeed[]> {
    return this.feeds.list(me.id);
  }

  /** A new secret feed URL, shown once: `user` = my meetings, `cohort` = a cohort's meetings. */
  @Post('me/calendar-feeds')
  @ApiProblems([400, 401, 403, 404, 409])
  @ZodResponse({ status: 201, type: CreatedCalendarFeedDto })
  async create(@Body() body: CreateCalendarFeedDto, @CurrentPrincipal() me: AuthPrincipal): Promise<CreatedCalendarFeed> {
    if (body.kind === 'cohort' && body.cohortId) {
      const { hubId } = await this.cohorts.scopeOf(body.cohortId);
      this.access.assert(me, 'read', { kind: 'Cohort', id: body.cohortId, hubId });
    }
    return this.feeds.create(me.id, body);
  }

  /** Revokes a feed: its URL answers 404 from now on. */
  @Delete('me/calendar-feeds/:id')
  @HttpCode(204)
  @ApiProblems([400, 401, 404])
  async revoke(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<void> {
    await this.feeds.revoke(me.id, id);
  }

  /** The subscription itself: public (calendar apps send no token), the secret in the path is the credential. */
  @Public()
  @Get('calendars/feeds/:token')
  @ApiProduces('text/calendar')
  @ApiProblems([404], { public: true })
  async feed(@Param('token') tokenParam: string, @Res() res: Response): Promise<void> {
    const token = tokenParam.replace(/\.ics$/, '');
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw new Problem('not_found', 'No such calendar feed');
    const { feed, owner } = await this.feeds.open(token);
    let scope: CalendarScope | null = { inviteeId: owner.id };
    let name = 'Minga: my meetings';
    if (feed.kind === 'cohort' && feed.cohort_id) {
      // The owner must still be allowed to read the cohort; otherwise the feed shows nothing.
      const readable = this.access.can(owner, 'read', { kind: 'Cohort', id: feed.cohort_id, hubId: feed.cohort_hub_id ?? '' });
      scope = readable ? { cohortId: feed.cohort_id } : null;
      name = `Minga: ${feed.cohort_name ?? 'cohort'}`;
    }
    const ics = await this.render(scope, owner, name, feed.time_zone, FEED_REFRESH_SECONDS);
    res.setHeader('Cache-Control', 'private, max-age=300');
    res.type(CALENDAR_CONTENT_TYPE).send(ics);
  }

  private async render(
    scope: CalendarScope | null,
    viewer: Principal,
    name: string,
    timeZone: string,
    refreshSeconds?: number,
  ): Promise<string> {
    const ability = this.access.abilityFor(viewer);
    const resource = (m: CalendarMeeting) => this.meetings.resourceOf(m);
    const meetings = (scope ? await calendarMeetings(this.db, scope, viewer.id) : []).filter((m) => ability.can('read', resource(m)));
    // The organiser's email as the people directory shows it to this viewer: null where they may not contact them.
    const organisers = await this.users.viewMany([...new Set(meetings.map((m) => m.organiser_id))], viewer);
    const emails = new Map(organisers.map((o) => [o.id, o.email]));
    return meetingsToIcs(meetings, {
      name,
      timeZone,
      refreshSeconds,
      pageUrl: (id) => `${this.config.publicUrl}/meetings/${id}`,
      mayAttend: (m) => ability.can('attend', resource(m)),
      organiserEmail: (m) => emails.get(m.organiser_id) ?? null,
    });
  }
}
