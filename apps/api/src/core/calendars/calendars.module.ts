import { Module } from '@nestjs/common';
import { CohortsModule } from '../cohorts/cohorts.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { UsersModule } from '../users/users.module';
import { CalendarFeedsService } from './calendar-feeds.service';
import { CalendarsController } from './calendars.controller';

/** iCalendar: per-meeting .ics and secret-token subscription feeds (per person, per cohort). */
@Module({
  imports: [MeetingsModule, CohortsModule, UsersModule],
  controllers: [CalendarsController],
  providers: [CalendarFeedsService],
})
export class CalendarsModule {}
