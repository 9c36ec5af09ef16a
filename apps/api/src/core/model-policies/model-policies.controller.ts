import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { ModelPolicy } from '@minga/contracts';
import { AccessService } from '../../platform/access/access.service';
import { CurrentPrincipal, type AuthPrincipal } from '../../platform/access/principal';
import { ApiProblems } from '../../platform/common/api-problems.decorator';
import { IdParam } from '../../platform/common/id-param.decorator';
import { EditorDocumentDto, ModelPolicyDto, ModelPolicyListDto, type EditorDocument } from './model-policies.dto';
import { ModelPoliciesService } from './model-policies.service';

@ApiTags('model-policies')
@Controller('model-policies')
export class ModelPoliciesController {
  constructor(
    private readonly policies: ModelPoliciesService,
    private readonly access: AccessService,
  ) {}

  @Get()
  @ApiProblems([401, 403])
  @ZodResponse({ type: ModelPolicyListDto })
  list(@CurrentPrincipal() me: AuthPrincipal): Promise<ModelPolicy[]> {
    this.access.assert(me, 'read', 'ModelPolicy');
    return this.policies.list();
  }

  @Get(':id')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: ModelPolicyDto })
  get(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<ModelPolicy> {
    this.access.assert(me, 'read', { kind: 'ModelPolicy', id });
    return this.policies.findOne(id);
  }

  /** The template as the editor's JSON document: what a new draft from this policy starts with. */
  @Get(':id/template')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: EditorDocumentDto })
  template(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<EditorDocument> {
    this.access.assert(me, 'read', { kind: 'ModelPolicy', id });
    return this.policies.templateDocument(id);
  }
}
