// The one document schema. The web editor and the API build it from this list, so a draft converted on the server
// (Yjs -> HTML, Markdown, text, DOCX) has exactly the nodes and marks the browser wrote.
import { getSchema, type Extensions } from '@tiptap/core';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import type { Schema } from '@tiptap/pm/model';
import { isSafeHref } from './link-safety';

/** The Y.XmlFragment holding a draft; TipTap's Collaboration extension reads `field: 'default'` unless told otherwise. */
export const DOC_FRAGMENT = 'default';

interface EditorExtensionOptions {
  /**
   * Whether the editor is bound to a Yjs document (the default). Yjs brings its own undo manager, which must not be
   * mixed with ProseMirror's history; an editor without Yjs (`collaboration: false`) keeps StarterKit's undo/redo.
   */
  collaboration?: boolean;
}

export function editorExtensions(options: EditorExtensionOptions = {}): Extensions {
  const collaboration = options.collaboration ?? true;
  return [
    StarterKit.configure({
      heading: { levels: [1, 2, 3] },
      link: {
        openOnClick: false,
        defaultProtocol: 'https',
        isAllowedUri: (url) => isSafeHref(url),
      },
      // Not part of a policy draft: no exporter has a place for them, and Markdown has no underline.
      codeBlock: false,
      underline: false,
      ...(collaboration ? { undoRedo: false as const } : {}),
    }),
    Table,
    TableRow,
    TableHeader,
    TableCell,
  ];
}

/** The ProseMirror schema of a draft, for code that works on documents without an editor (conversion, export). */
export const editorSchema: Schema = getSchema(editorExtensions());
