import { Module } from '@nestjs/common';
import { CohortsModule } from '../cohorts/cohorts.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { InviteesFollowRoles } from './invitees-follow-roles';
import { MeetingInviteesService } from './meeting-invitees.service';
import { MeetingNotices } from './meeting-notices';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';
import { OccurrencesController } from './occurrences.controller';
import { OccurrencesService } from './occurrences.service';
import { RsvpService } from './rsvp.service';

/** Meetings and series, their occurrences, agendas and RSVPs. Exports MeetingsService (occurrenceContext) for the live room. */
@Module({
  imports: [CohortsModule, NotificationsModule],
  controllers: [MeetingsController, OccurrencesController],
  providers: [MeetingsService, MeetingInviteesService, OccurrencesService, RsvpService, MeetingNotices, InviteesFollowRoles],
  exports: [MeetingsService, OccurrencesService],
})
export class MeetingsModule {}
