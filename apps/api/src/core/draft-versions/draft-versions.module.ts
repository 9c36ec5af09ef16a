import { Module } from '@nestjs/common';
import { DraftsModule } from '../drafts/drafts.module';
import { ModelPoliciesModule } from '../model-policies/model-policies.module';
import { DraftVersionsController } from './draft-versions.controller';
import { DraftVersionsService } from './draft-versions.service';

/** Versions of a draft: automatic and named snapshots, reading, comparing, restoring and exporting. */
@Module({
  imports: [DraftsModule, ModelPoliciesModule],
  controllers: [DraftVersionsController],
  providers: [DraftVersionsService],
})
export class DraftVersionsModule {}
