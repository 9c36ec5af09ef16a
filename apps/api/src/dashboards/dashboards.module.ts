import { Module } from '@nestjs/common';
import { ActionPlansModule } from '../action-plans/action-plans.module';
import { DashboardsController } from './dashboards.controller';
import { DashboardsService } from './dashboards.service';

@Module({ imports: [ActionPlansModule], controllers: [DashboardsController], providers: [DashboardsService] })
export class DashboardsModule {}
