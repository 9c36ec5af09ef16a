// The TipTap editor bound to a live document: the shared schema, Yjs collaboration, other people's carets and the
// document-edge keys, named and marked as a multi-line text box for assistive technology.
import { useEffect, useId, useLayoutEffect, useMemo, useState } from 'react';
import type { AnyExtension, Editor } from '@tiptap/core';
import { useEditor } from '@tiptap/react';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { userColor } from '@minga/contracts';
import { DOC_FRAGMENT, editorExtensions } from '@minga/editor';
import { useSession } from '../../lib/session';
import { renderCollabCaret } from './collab-caret';
import { DocumentEdgeKeys } from './document-edge-keys';
import type { CollabDocument } from './use-collab-document';

interface CollabEditorOptions {
  editable: boolean;
  /** The text box's accessible name. */
  label: string;
  /** Added after `draft-document`, the class every document's text is styled by. */
  className?: string;
  /** The text's language, when it is not the page's. */
  lang?: string;
  /** Extra extensions; read once, when the editor is made. */
  extensions?: AnyExtension[];
}

export function useCollabEditor(
  collab: CollabDocument,
  { editable, label, className, lang, extensions: extra }: CollabEditorOptions,
): { editor: Editor; editorId: string } {
  const { user } = useSession();
  const editorId = useId();
  const caretUser = useMemo(
    () => ({ id: user?.id ?? '', name: user?.name ?? '', color: userColor(user?.id ?? '') }),
    [user?.id, user?.name],
  );
  // Made once per document: the editor compares extensions by identity and would otherwise be reconfigured each render.
  const [extensions] = useState(() => [
    ...editorExtensions(),
    DocumentEdgeKeys,
    Collaboration.configure({ document: collab.ydoc, field: DOC_FRAGMENT }),
    CollaborationCaret.configure({ provider: collab.provider, user: caretUser, render: renderCollabCaret }),
    ...(extra ?? []),
  ]);
  const editorProps = useMemo(
    () => ({
      attributes: {
        id: editorId,
        class: className ? `draft-document ${className}` : 'draft-document',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': label,
        'aria-readonly': String(!editable),
        // Left out rather than undefined: ProseMirror would write the attribute as the text "undefined".
        ...(lang === undefined ? {} : { lang }),
      },
    }),
    [editorId, className, label, editable, lang],
  );
  const editor = useEditor({ extensions, editable, editorProps, immediatelyRender: true, shouldRerenderOnTransaction: false });

  useEffect(() => {
    editor.setEditable(editable);
  }, [editor, editable]);

  // A renamed profile shows on everyone's carets and presence lists at once.
  useEffect(() => {
    if (!editor.isDestroyed) editor.commands.updateUser(caretUser);
  }, [editor, caretUser]);

  // Before the document it is bound to: a layout effect's cleanup runs ahead of the parent's, which destroys the Y.Doc.
  useLayoutEffect(() => () => editor.destroy(), [editor]);

  return { editor, editorId };
}
