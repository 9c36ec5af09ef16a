// The meeting's shared notes, `meeting-notes:<occurrenceId>` on /collab, made from the drafts feature's live-editing
// parts (document, connection state, save state, toolbar) so notes behave exactly like a draft: never blank while
// loading, "All changes saved" only once the server stored them. Composed here because features never import each other.
import { useEffect, useId, useLayoutEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EditorContent, useEditor } from '@tiptap/react';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { DOC_FRAGMENT, editorExtensions } from '@minga/editor';
import { LoadingState } from '../components/status-messages';
import { EditorToolbar } from '../features/drafts/editor-toolbar';
import { SaveStateIndicator } from '../features/drafts/save-state-indicator';
import { useCollabDocument, type CollabDocument } from '../features/drafts/use-collab-document';
import { useProviderState } from '../features/drafts/use-provider-state';
import { userColor } from '@minga/contracts';
import { useSession } from '../lib/session';
import { renderCollabCaret } from '../features/drafts/collab-caret';
import { DocumentEdgeKeys } from '../features/drafts/document-edge-keys';

export function MeetingNotesEditor({ docName, mayEdit }: { docName: string; mayEdit: boolean }) {
  const collab = useCollabDocument(docName);
  if (!collab) return <LoadingState />;
  return <NotesEditor key={collab.ydoc.guid} collab={collab} mayEdit={mayEdit} />;
}

function NotesEditor({ collab, mayEdit }: { collab: CollabDocument; mayEdit: boolean }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const editorId = useId();
  const state = useProviderState(collab.provider);
  const editable = (state.access ?? (mayEdit ? 'edit' : 'view')) === 'edit';
  const [shown, setShown] = useState(collab.cachedContent);
  useEffect(() => {
    if (state.synced) setShown(true);
  }, [state.synced]);

  const caretUser = useMemo(
    () => ({ id: user?.id ?? '', name: user?.name ?? '', color: userColor(user?.id ?? '') }),
    [user?.id, user?.name],
  );
  const [extensions] = useState(() => [
    ...editorExtensions(),
    DocumentEdgeKeys,
    Collaboration.configure({ document: collab.ydoc, field: DOC_FRAGMENT }),
    CollaborationCaret.configure({ provider: collab.provider, user: caretUser, render: renderCollabCaret }),
  ]);
  const label = t('meetingRoom.notes.label');
  const editorProps = useMemo(
    () => ({
      attributes: {
        id: editorId,
        class: 'draft-document room-notes-document',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': label,
        'aria-readonly': String(!editable),
      },
    }),
    [editorId, label, editable],
  );
  const editor = useEditor({ extensions, editable, editorProps, immediatelyRender: true, shouldRerenderOnTransaction: false });
  useEffect(() => {
    editor.setEditable(editable);
  }, [editor, editable]);
  useLayoutEffect(() => () => editor.destroy(), [editor]);

  return (
    <div className="room-notes">
      <div className="draft-editor-bar">
        <SaveStateIndicator status={state.status} synced={state.synced} pending={state.pending} unavailable={state.unavailable} />
        {editable && shown && <EditorToolbar editor={editor} controls={editorId} />}
      </div>
      {!editable && <p className="notice">{t('meetingRoom.notes.viewOnly')}</p>}
      {state.error && (
        <div className="alert alert--error" role="alert">
          <p className="alert-title">
            {t(`meetingRoom.notes.errors.${state.error.code}`, { defaultValue: t('meetingRoom.notes.errors.internal_error') })}
          </p>
        </div>
      )}
      {shown ? (
        <EditorContent editor={editor} className="draft-document-frame room-notes-frame" />
      ) : (
        <LoadingState label={t('meetingRoom.notes.loading')} />
      )}
    </div>
  );
}
