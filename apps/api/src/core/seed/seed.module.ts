import { Module } from '@nestjs/common';
import { ActionPlansModule } from '../action-plans/action-plans.module';
import { CohortsModule } from '../cohorts/cohorts.module';
import { DraftsModule } from '../drafts/drafts.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { ModelPoliciesModule } from '../model-policies/model-policies.module';
import { DemoActionPlanSeed } from './demo-action-plan-seed.service';
import { DemoMeetingsSeed } from './demo-meetings-seed.service';
import { DemoSeedService } from './demo-seed.service';

// Importing the model policies and action plans puts their start-up work (the model policy catalogue) before ours.
@Module({
  imports: [ModelPoliciesModule, ActionPlansModule, DraftsModule, CohortsModule, MeetingsModule],
  providers: [DemoSeedService, DemoActionPlanSeed, DemoMeetingsSeed],
})
export class SeedModule {}
