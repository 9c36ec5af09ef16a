import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Principal } from '@minga/access';
import { uuidSchema, type DocAccess } from '@minga/contracts';
import { AccessService } from '../../platform/access/access.service';
import { DocumentAccessRegistry, type DocumentAccessResolver } from '../../platform/collab/document-access';
import { DraftsService } from './drafts.service';

const PREFIX = 'draft';

/** Answers the collaboration engine for `draft:<id>` documents: edit, comment or view, as the access policy says. */
@Injectable()
export class DraftDocumentAccess implements DocumentAccessResolver, OnModuleInit {
  constructor(
    private readonly registry: DocumentAccessRegistry,
    private readonly drafts: DraftsService,
    private readonly access: AccessService,
  ) {}

  onModuleInit(): void {
    this.registry.register(PREFIX, this);
  }

  async accessFor(principal: Principal, docName: string): Promise<DocAccess | 'none' | null> {
    const id = docName.slice(PREFIX.length + 1);
    if (!docName.startsWith(`${PREFIX}:`) || !uuidSchema.safeParse(id).success) return null;
    const scope = await this.drafts.scopeOf(id);
    if (!scope) return null;
    const draft = { kind: 'Draft' as const, id, ...scope };
    const ability = this.access.abilityFor(principal);
    if (ability.can('editContent', draft)) return 'edit';
    if (ability.can('comment', draft)) return 'comment';
    if (ability.can('read', draft)) return 'view';
    return 'none';
  }
}
