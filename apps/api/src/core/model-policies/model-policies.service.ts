import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { ModelPolicy } from '@minga/contracts';
import { templateDocument, type TemplateSection } from '@minga/editor';
import { Problem } from '../../platform/common/problem';
import type { EditorDocument } from './model-policies.dto';
import { ModelPolicyEntity } from './model-policy.entity';

interface ModelPolicyTemplate {
  name: string;
  sections: TemplateSection[];
}

@Injectable()
export class ModelPoliciesService {
  constructor(@InjectRepository(ModelPolicyEntity) private readonly repo: Repository<ModelPolicyEntity>) {}

  /** The alliance has a handful of model policies (seven), so the list comes whole, by name. */
  async list(): Promise<ModelPolicy[]> {
    const policies = await this.repo.find({ order: { name: 'ASC', id: 'ASC' } });
    return policies.map(toModelPolicy);
  }

  async findOne(id: string): Promise<ModelPolicy> {
    return toModelPolicy(await this.entity(id));
  }

  /** The policy's name and template sections (none when it has no template yet), or null for an unknown policy. */
  async findTemplate(id: string): Promise<ModelPolicyTemplate | null> {
    const policy = await this.repo.findOneBy({ id });
    return policy && { name: policy.name, sections: policy.template ?? [] };
  }

  /** The template as an editor document (ProseMirror JSON), titled with the policy's name. */
  async templateDocument(id: string): Promise<EditorDocument> {
    const policy = await this.entity(id);
    if (!policy.template?.length) throw new Problem('not_found', 'This model policy has no template yet');
    return { type: 'doc', content: templateDocument(policy.name, policy.template).content ?? [] };
  }

  private async entity(id: string): Promise<ModelPolicyEntity> {
    const policy = await this.repo.findOneBy({ id });
    if (!policy) throw new Problem('not_found', 'No such model policy');
    return policy;
  }
}

function toModelPolicy(p: ModelPolicyEntity): ModelPolicy {
  const sections = p.template ?? [];
  return {
    id: p.id,
    key: p.key,
    name: p.name,
    summary: p.summary,
    language: p.language,
    sections: sections.map((s) => s.heading),
    hasTemplate: sections.length > 0,
    unveiledOn: p.unveiledOn,
  };
}
