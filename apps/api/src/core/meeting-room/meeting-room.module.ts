import { Module } from '@nestjs/common';
import { ActionPlansModule } from '../action-plans/action-plans.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { MeetingsService } from '../meetings/meetings.service';
import { NotificationsModule } from '../notifications/notifications.module';
import { ActionItemsService } from './action-items.service';
import { AttendanceService } from './attendance.service';
import { MeetingNotesAccess } from './meeting-notes-access';
import { MeetingReminders } from './meeting-reminders.service';
import { MeetingRoomController } from './meeting-room.controller';
import { MeetingRoomGateway } from './meeting-room.gateway';
import { MinutesService } from './minutes.service';
import { OCCURRENCE_CONTEXTS, RoomAccess } from './room-access';
import { RoomPolls } from './room-polls';
import { RoomStore } from './room-store';

/** The live room of a meeting occurrence (/meetings), its shared notes on /collab, and what it leaves: attendance, minutes, action items. */
@Module({
  imports: [MeetingsModule, ActionPlansModule, NotificationsModule],
  controllers: [MeetingRoomController],
  providers: [
    { provide: OCCURRENCE_CONTEXTS, useExisting: MeetingsService },
    RoomAccess,
    RoomStore,
    RoomPolls,
    MeetingRoomGateway,
    MeetingNotesAccess,
    AttendanceService,
    MinutesService,
    ActionItemsService,
    MeetingReminders,
  ],
})
export class MeetingRoomModule {}
