import { Injectable } from '@nestjs/common';
import type { Principal } from '@minga/access';
import type { DocAccess } from '@minga/contracts';

/** What a domain answers for its documents: null = no such document, 'none' = exists but not for this caller. */
export interface DocumentAccessResolver {
  accessFor(principal: Principal, docName: string): Promise<DocAccess | 'none' | null>;
}

/**
 * Domains that own collaborative documents (drafts, later meeting notes) register a resolver for their
 * name prefix (`draft:<id>`), so the collaboration engine asks the access policy without importing a domain.
 */
@Injectable()
export class DocumentAccessRegistry {
  private readonly resolvers = new Map<string, DocumentAccessResolver>();

  register(prefix: string, resolver: DocumentAccessResolver): void {
    this.resolvers.set(prefix, resolver);
  }

  async accessFor(principal: Principal, docName: string): Promise<DocAccess | 'none' | null> {
    const resolver = this.resolvers.get(docName.slice(0, docName.indexOf(':')));
    return resolver ? resolver.accessFor(principal, docName) : null;
  }
}
