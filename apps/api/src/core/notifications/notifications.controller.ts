import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { NotificationPage, NotificationPreferences, UnreadCount } from '@minga/contracts';
import { CurrentPrincipal, type AuthPrincipal } from '../../platform/access/principal';
import { ApiProblems } from '../../platform/common/api-problems.decorator';
import {
  MarkNotificationsReadDto,
  NotificationPageDto,
  NotificationPreferencesDto,
  NotificationQueryDto,
  UnreadCountDto,
  UpdateNotificationPreferencesDto,
} from './notifications.dto';
import { NotificationsService } from './notifications.service';

/** The caller's own notification centre: no access rule beyond being signed in, every query is scoped to the caller. */
@ApiTags('notifications')
@Controller('me')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @ApiProblems([400, 401])
  @ZodResponse({ type: NotificationPageDto })
  list(@Query() query: NotificationQueryDto, @CurrentPrincipal() me: AuthPrincipal): Promise<NotificationPage> {
    return this.notifications.list(me.id, query);
  }

  @Post('notifications/read')
  @HttpCode(200)
  @ApiProblems([400, 401])
  @ZodResponse({ status: 200, type: UnreadCountDto })
  async markRead(@Body() body: MarkNotificationsReadDto, @CurrentPrincipal() me: AuthPrincipal): Promise<UnreadCount> {
    return { unreadCount: await this.notifications.markRead(me.id, body) };
  }

  @Get('notification-preferences')
  @ApiProblems([401])
  @ZodResponse({ type: NotificationPreferencesDto })
  preferences(@CurrentPrincipal() me: AuthPrincipal): Promise<NotificationPreferences> {
    return this.notifications.preferences(me.id);
  }

  @Put('notification-preferences')
  @ApiProblems([400, 401])
  @ZodResponse({ type: NotificationPreferencesDto })
  updatePreferences(
    @Body() body: UpdateNotificationPreferencesDto,
    @CurrentPrincipal() me: AuthPrincipal,
  ): Promise<NotificationPreferences> {
    return this.notifications.updatePreferences(me.id, body);
  }
}
