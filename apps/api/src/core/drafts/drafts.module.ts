import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ModelPoliciesModule } from '../model-policies/model-policies.module';
import { RolesModule } from '../roles/roles.module';
import { DraftContentSeeder } from './draft-content-seeder';
import { DraftDocumentAccess } from './draft-document-access';
import { DraftEntity, DraftOwnerEntity } from './draft.entity';
import { DraftsController } from './drafts.controller';
import { DraftsService } from './drafts.service';

@Module({
  imports: [TypeOrmModule.forFeature([DraftEntity, DraftOwnerEntity]), ModelPoliciesModule, RolesModule],
  controllers: [DraftsController],
  providers: [DraftsService, DraftContentSeeder, DraftDocumentAccess],
  exports: [DraftsService],
})
export class DraftsModule {}
