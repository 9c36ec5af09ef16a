import { Injectable } from '@nestjs/common';
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import type { Draft, DraftComparison, DraftOutline, DraftVersion, DraftVersionContent, ExportFormat } from '@minga/contracts';
import {
  DOC_FRAGMENT,
  editorSchema,
  outlineOf,
  templateDocument,
  toHtml,
  toMarkdown,
  toPlainText,
  updateToJson,
  yDocToJson,
} from '@minga/editor';
import type { JSONContent as EditorDocument } from '@tiptap/core';
import { toDocx } from '@minga/editor/docx';
import { DocumentVersions } from '../../platform/collab/document-versions.service';
import { LiveDocuments } from '../../platform/collab/live-documents.service';
import { Problem } from '../../platform/common/problem';
import { ModelPoliciesService } from '../model-policies/model-policies.service';
import { compareSections } from './section-diff';

interface ExportedFile {
  body: Buffer | string;
  contentType: string;
  extension: string;
}

@Injectable()
export class DraftVersionsService {
  constructor(
    private readonly versions: DocumentVersions,
    private readonly documents: LiveDocuments,
    private readonly modelPolicies: ModelPoliciesService,
  ) {}

  list(draft: Draft): Promise<DraftVersion[]> {
    return this.versions.list(draft.docName);
  }

  async name(draft: Draft, label: string, userId: string): Promise<DraftVersion> {
    return this.versions.save(draft.docName, 'named', await this.documents.currentState(draft.docName), label, userId);
  }

  async read(draft: Draft, versionId: string): Promise<DraftVersionContent> {
    const json = updateToJson(await this.versions.state(draft.docName, versionId));
    return { version: await this.versions.meta(draft.docName, versionId), html: toHtml(json), outline: outlineOf(json) };
  }

  /** The headings of the draft as it is now, read from the open document when there is one. */
  async outline(draft: Draft): Promise<DraftOutline> {
    return { outline: await this.documents.read(draft.docName, (doc) => outlineOf(yDocToJson(doc))) };
  }

  async compare(draft: Draft, from: string, to: string): Promise<DraftComparison> {
    const [before, after] = await Promise.all([this.side(draft, from), this.side(draft, to)]);
    return { from, to, sections: compareSections(before, after) };
  }

  /**
   * Restores a version as a new change: the current text is kept as a restore point, then the live document is
   * changed to match the version (y-prosemirror computes the minimal edit), so open editors see it at once.
   */
  async restore(draft: Draft, versionId: string, userId: string): Promise<DraftVersion> {
    const json = updateToJson(await this.versions.state(draft.docName, versionId));
    // No label: the web app names a restore point by its kind and time, in the reader's language.
    const restorePoint = await this.versions.save(draft.docName, 'restore', await this.documents.currentState(draft.docName), null, userId);
    await this.documents.change(draft.docName, (doc) => {
      prosemirrorJSONToYXmlFragment(editorSchema, json, doc.getXmlFragment(DOC_FRAGMENT));
    });
    return restorePoint;
  }

  async export(draft: Draft, format: ExportFormat): Promise<ExportedFile> {
    const json = await this.currentJson(draft);
    switch (format) {
      case 'markdown':
        return { body: toMarkdown(json), contentType: 'text/markdown; charset=utf-8', extension: 'md' };
      case 'html':
        return { body: htmlPage(draft.title, toHtml(json)), contentType: 'text/html; charset=utf-8', extension: 'html' };
      case 'text':
        return { body: toPlainText(json), contentType: 'text/plain; charset=utf-8', extension: 'txt' };
      case 'docx':
        return {
          body: await toDocx(json, { title: draft.title }),
          contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          extension: 'docx',
        };
    }
  }

  private async side(draft: Draft, side: string): Promise<EditorDocument> {
    if (side === 'current') return this.currentJson(draft);
    if (side === 'model') {
      const template = await this.modelPolicies.findTemplate(draft.modelPolicyId);
      if (!template)
        throw new Problem('validation_failed', 'This model policy has no template to compare with', [
          { path: 'from', message: 'No template' },
        ]);
      return templateDocument(draft.title, template.sections);
    }
    return updateToJson(await this.versions.state(draft.docName, side));
  }

  private async currentJson(draft: Draft): Promise<EditorDocument> {
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, await this.documents.currentState(draft.docName));
      return yDocToJson(doc);
    } finally {
      doc.destroy();
    }
  }
}

function htmlPage(title: string, body: string): string {
  const escaped = title.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escaped}</title></head><body>\n${body}\n</body></html>\n`;
}
