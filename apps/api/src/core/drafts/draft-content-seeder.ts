import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { draftDocName } from '@minga/contracts';
import { jsonToYUpdate, templateDocument, type TemplateSection } from '@minga/editor';

/**
 * Starts a new draft's collaboration document from its model policy's template. It writes the first entry of the
 * document's update log in the caller's transaction, so a draft never exists without its starting text.
 */
@Injectable()
export class DraftContentSeeder {
  async seed(em: EntityManager, draftId: string, title: string, sections: TemplateSection[]): Promise<void> {
    const update = jsonToYUpdate(templateDocument(title, sections));
    await em.query('INSERT INTO collab_updates (doc_name, update) VALUES ($1, $2)', [draftDocName(draftId), Buffer.from(update)]);
  }
}
