import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ModelPolicyEntity } from './model-policy.entity';
import { ModelPoliciesController } from './model-policies.controller';
import { ModelPoliciesService } from './model-policies.service';
import { ModelPolicyCatalog } from './model-policy-catalog.service';

@Module({
  imports: [TypeOrmModule.forFeature([ModelPolicyEntity])],
  controllers: [ModelPoliciesController],
  providers: [ModelPoliciesService, ModelPolicyCatalog],
  exports: [ModelPoliciesService],
})
export class ModelPoliciesModule {}
