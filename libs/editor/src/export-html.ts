// HTML of a draft, produced the same way in Node and in the browser.
import type { JSONContent } from '@tiptap/core';
import { DOMSerializer, Node } from '@tiptap/pm/model';
import { editorSchema } from './extensions';
import { htmlStringDocument, serialize } from './html-string-dom';
import { safeDocument } from './safe-document';

const serializer = DOMSerializer.fromSchema(editorSchema);

export function toHtml(json: JSONContent): string {
  const doc = Node.fromJSON(editorSchema, safeDocument(json));
  const built = serializer.serializeFragment(doc.content, { document: htmlStringDocument as unknown as Document });
  return serialize(built);
}
