// ProseMirror JSON <-> Yjs, with the shared schema and fragment name, so what the server seeds or reads is what the
// browser's Collaboration extension shows.
import type { JSONContent } from '@tiptap/core';
import { prosemirrorToYDoc, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import * as Y from 'yjs';
import { DOC_FRAGMENT, editorSchema } from './extensions';

/**
 * Encodes a document as the update of a fresh Y.Doc; apply it only to an empty document, or the content doubles.
 * Throws on a document the schema does not allow, rather than seeding every editor with it.
 */
export function jsonToYUpdate(json: JSONContent): Uint8Array {
  const node = editorSchema.nodeFromJSON(json);
  node.check();
  const doc = prosemirrorToYDoc(node, DOC_FRAGMENT);
  try {
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Reads a document's current content. y-prosemirror repairs what it reads (it deletes elements the schema rejects and
 * merges adjacent texts), so it reads a copy: reading a live document must not emit updates to its editors.
 */
export function yDocToJson(doc: Y.Doc): JSONContent {
  return updateToJson(Y.encodeStateAsUpdate(doc));
}

export function updateToJson(update: Uint8Array): JSONContent {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update);
    return yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(DOC_FRAGMENT), editorSchema).toJSON() as JSONContent;
  } finally {
    doc.destroy();
  }
}
