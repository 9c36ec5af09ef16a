import { Global, Module } from '@nestjs/common';
import { CollabGateway } from './collab.gateway';
import { CollabPersistence } from './collab-persistence.service';
import { DocumentAccessRegistry } from './document-access';
import { DocumentVersions } from './document-versions.service';
import { LiveDocuments } from './live-documents.service';

/** The collaboration engine; domains register access resolvers for their documents with DocumentAccessRegistry. */
@Global()
@Module({
  providers: [CollabGateway, CollabPersistence, LiveDocuments, DocumentAccessRegistry, DocumentVersions],
  exports: [DocumentAccessRegistry, LiveDocuments, DocumentVersions],
})
export class CollabModule {}
