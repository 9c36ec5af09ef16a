import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { CohortsController } from './cohorts.controller';
import { CohortsService } from './cohorts.service';
import { SlotFinderService } from './slot-finder.service';

@Module({
  imports: [NotificationsModule],
  controllers: [CohortsController],
  providers: [CohortsService, SlotFinderService],
  exports: [CohortsService],
})
export class CohortsModule {}
