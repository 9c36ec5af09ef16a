import { Module } from '@nestjs/common';
import { ActionPlansModule } from '../action-plans/action-plans.module';
import { CohortsModule } from '../cohorts/cohorts.module';
import { DashboardsController } from './dashboards.controller';
import { DashboardsService } from './dashboards.service';

@Module({ imports: [ActionPlansModule, CohortsModule], controllers: [DashboardsController], providers: [DashboardsService] })
export class DashboardsModule {}
