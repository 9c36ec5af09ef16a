// One live, co-edited document (a draft, a meeting's notes): the save state always on screen, the toolbar for those
// who may edit, the connection's errors, and the text. The text is never shown blank while it loads: what the page
// passes stands in until the server's copy or this browser's cached copy is there, and once shown it stays on screen
// through any disconnection. Each page adds its own parts (comments, an outline, notes on access) through the slots.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnyExtension, Editor } from '@tiptap/core';
import { EditorContent } from '@tiptap/react';
import type { CollabError, DocAccess } from '@minga/contracts';
import { EditorToolbar } from './editor-toolbar';
import { SaveStateIndicator } from './save-state-indicator';
import { useCollabDocument, type CollabDocument } from './use-collab-document';
import { useCollabEditor } from './use-collab-editor';
import { useProviderState, type ProviderState } from './use-provider-state';
import './live-editor.css';

export interface LiveEditorContext {
  editor: Editor;
  ydoc: CollabDocument['ydoc'];
  /** The document's connection, which carries the document's other live events too. */
  provider: CollabDocument['provider'];
  state: ProviderState;
  access: DocAccess;
  /** Whether the text is on screen (from the server or this browser's cache). */
  shown: boolean;
}

interface LiveEditorProps {
  /** The document's name on /collab, e.g. `draft:<id>`. */
  docName: string;
  /** The text box's accessible name. */
  label: string;
  lang?: string;
  /** Added to the text box's and its frame's classes. */
  documentClassName?: string;
  frameClassName?: string;
  /** What this person may do until the server says (the server's answer wins). */
  expectedAccess: DocAccess;
  /** Extra editor extensions; read once, when the editor is made. */
  extensions?: AnyExtension[];
  /** Where this context's collaboration error messages are: one key per error code, `internal_error` for the rest. */
  errorMessages: string;
  /** Shown while the document and its offline cache open. */
  opening: ReactNode;
  /** Stands in for the text until it has arrived. */
  renderLoading: (context: LiveEditorContext) => ReactNode;
  /** Shown in the editor's bar, after the save state and the toolbar. */
  renderBar?: (context: LiveEditorContext) => ReactNode;
  /** Shown between the bar and the errors, e.g. a note on what this person may do. */
  renderNotice?: (context: LiveEditorContext) => ReactNode;
  /** Places the editor (its bar, notices and text) on the page, with anything beside it. */
  renderLayout: (editor: ReactNode, context: LiveEditorContext) => ReactNode;
}

export function LiveEditor(props: LiveEditorProps) {
  const collab = useCollabDocument(props.docName);
  if (!collab) return props.opening;
  return <LiveSession key={collab.ydoc.guid} collab={collab} {...props} />;
}

function LiveSession({ collab, ...props }: LiveEditorProps & { collab: CollabDocument }) {
  const state = useProviderState(collab.provider);
  const access = state.access ?? props.expectedAccess;
  const editable = access === 'edit';
  const [shown, setShown] = useState(collab.cachedContent);
  useEffect(() => {
    if (state.synced) setShown(true);
  }, [state.synced]);
  const { editor, editorId } = useCollabEditor(collab, {
    editable,
    label: props.label,
    className: props.documentClassName,
    lang: props.lang,
    extensions: props.extensions,
  });

  const context: LiveEditorContext = { editor, ydoc: collab.ydoc, provider: collab.provider, state, access, shown };
  const frameClassName = props.frameClassName ? `draft-document-frame ${props.frameClassName}` : 'draft-document-frame';
  return props.renderLayout(
    <>
      <div className="draft-editor-bar">
        <SaveStateIndicator status={state.status} synced={state.synced} pending={state.pending} unavailable={state.unavailable} />
        {editable && shown && <EditorToolbar editor={editor} controls={editorId} />}
        {props.renderBar?.(context)}
      </div>
      {props.renderNotice?.(context)}
      {state.error && <CollabErrorAlert error={state.error} messages={props.errorMessages} />}
      {shown ? <EditorContent editor={editor} className={frameClassName} /> : props.renderLoading(context)}
    </>,
    context,
  );
}

function CollabErrorAlert({ error, messages }: { error: CollabError; messages: string }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert-title">{t(`${messages}.${error.code}`, { defaultValue: t(`${messages}.internal_error`) })}</p>
    </div>
  );
}
