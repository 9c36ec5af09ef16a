import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActionPlanEntity, KpiEntity, KpiMeasurementEntity, MilestoneEntity, MilestoneTaskEntity } from './action-plan.entity';
import { ActionPlansController } from './action-plans.controller';
import { ActionPlansService } from './action-plans.service';
import { KpisController } from './kpis.controller';
import { KpisService } from './kpis.service';
import { MilestonesController } from './milestones.controller';
import { MilestonesService } from './milestones.service';
import { PlanAccess } from './plan-access';
import { PlanDataCache } from './plan-data-cache';
import { PlanHistory } from './plan-history';
import { PlanReadModel } from './plan-read-model';

@Module({
  imports: [TypeOrmModule.forFeature([ActionPlanEntity, MilestoneEntity, MilestoneTaskEntity, KpiEntity, KpiMeasurementEntity])],
  controllers: [ActionPlansController, MilestonesController, KpisController],
  providers: [ActionPlansService, MilestonesService, KpisService, PlanHistory, PlanReadModel, PlanDataCache, PlanAccess],
  // Dashboards and open data read through these; the seed writes through the services.
  exports: [ActionPlansService, MilestonesService, KpisService, PlanReadModel, PlanDataCache],
})
export class ActionPlansModule {}
