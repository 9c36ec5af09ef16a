import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ModelPolicyEntity } from './model-policy.entity';
import { ModelPoliciesController } from './model-policies.controller';
import { ModelPoliciesService } from './model-policies.service';

@Module({
  imports: [TypeOrmModule.forFeature([ModelPolicyEntity])],
  controllers: [ModelPoliciesController],
  providers: [ModelPoliciesService],
  exports: [ModelPoliciesService],
})
export class ModelPoliciesModule {}
