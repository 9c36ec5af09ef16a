import { Module } from '@nestjs/common';
import { DraftsModule } from '../drafts/drafts.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RolesModule } from '../roles/roles.module';
import { SuggestionsController } from './suggestions.controller';
import { SuggestionsService } from './suggestions.service';
import { ThreadsController } from './threads.controller';
import { ThreadsService } from './threads.service';

/** Comment threads, suggested changes and their record on drafts; delivered live in the draft's /collab room. */
@Module({
  imports: [DraftsModule, RolesModule, NotificationsModule],
  controllers: [ThreadsController, SuggestionsController],
  providers: [ThreadsService, SuggestionsService],
})
export class CommentsModule {}
