import { Module } from '@nestjs/common';
import { ActionPlansModule } from '../action-plans/action-plans.module';
import { OpenDataController } from './open-data.controller';
import { OpenDataService } from './open-data.service';

@Module({ imports: [ActionPlansModule], controllers: [OpenDataController], providers: [OpenDataService] })
export class OpenDataModule {}
