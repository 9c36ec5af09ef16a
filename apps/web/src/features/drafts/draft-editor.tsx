// The live draft: rich text bound to the shared Yjs document, with carets, presence, outline and save state.
// The document is never shown blank while it loads: a loading state stands in until the server's copy or this
// browser's cached copy is there, and once shown the text stays on screen through any disconnection.
import { useEffect, useId, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnyExtension, Editor } from '@tiptap/core';
import { EditorContent, useEditor } from '@tiptap/react';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type { AppAbility } from '@minga/access';
import { userColor, type DocAccess, type Draft } from '@minga/contracts';
import { DOC_FRAGMENT, editorExtensions, type OutlineEntry } from '@minga/editor';
import { DocumentEdgeKeys } from './document-edge-keys';
import { useSession } from '../../lib/session';
import { DraftOutline } from './draft-outline';
import { EditorToolbar } from './editor-toolbar';
import { PresenceList } from './presence-list';
import { SaveStateIndicator } from './save-state-indicator';
import { useCollabDocument, type CollabDocument } from './use-collab-document';
import { useProviderState, type ProviderState } from './use-provider-state';
import { renderCollabCaret } from './collab-caret';

/** Errors after which the server will not send this document, however long we wait. */
const FINAL_ERRORS = new Set(['forbidden', 'unknown_document']);

/** What the page may add around the live editor (comments, for one), without this feature knowing about them. */
export interface DraftEditorAddons {
  /** Extra editor extensions; read once, when the editor is made. */
  extensions?: AnyExtension[];
  /** Shown under the editor's bar, e.g. actions on the selection. */
  renderBar?: (context: DraftEditorContext) => ReactNode;
  /** Shown in the side column after the outline. */
  renderSide?: (context: DraftEditorContext) => ReactNode;
  /** Shown after a section's link in the outline. */
  renderSectionExtra?: (entry: OutlineEntry, context: DraftEditorContext) => ReactNode;
}

export interface DraftEditorContext {
  editor: Editor;
  ydoc: CollabDocument['ydoc'];
  /** The document's connection, which carries the document's other live events too. */
  provider: CollabDocument['provider'];
  access: DocAccess;
  /** Whether the text is on screen (from the server or this browser's cache). */
  shown: boolean;
}

export function DraftEditor({ draft, addons = {} }: { draft: Draft; addons?: DraftEditorAddons }) {
  const collab = useCollabDocument(draft.docName);
  if (!collab) {
    return (
      <DraftWorkspace aside={null}>
        <SaveStateIndicator status="connecting" synced={false} pending={0} />
        <DraftLoading offline={false} />
      </DraftWorkspace>
    );
  }
  return <CollabEditor key={collab.ydoc.guid} draft={draft} collab={collab} addons={addons} />;
}

/** Until the server answers, the same access policy it applies says what this person may do. */
function expectedAccess(ability: AppAbility, draft: Draft): DocAccess {
  const subject = { kind: 'Draft', id: draft.id, cityId: draft.cityId, hubId: draft.hubId } as const;
  if (ability.can('editContent', subject)) return 'edit';
  return ability.can('comment', subject) ? 'comment' : 'view';
}

function CollabEditor({ draft, collab, addons }: { draft: Draft; collab: CollabDocument; addons: DraftEditorAddons }) {
  const { t } = useTranslation();
  const { user, ability } = useSession();
  const editorId = useId();
  const state = useProviderState(collab.provider);
  const access = state.access ?? expectedAccess(ability, draft);
  const editable = access === 'edit';
  const [shown, setShown] = useState(collab.cachedContent);

  useEffect(() => {
    if (state.synced) setShown(true);
  }, [state.synced]);

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
    ...(addons.extensions ?? []),
  ]);
  const label = t('drafts.editor.label');
  const editorProps = useMemo(
    () => ({
      attributes: {
        id: editorId,
        class: 'draft-document',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': label,
        'aria-readonly': String(!editable),
        lang: draft.language,
      },
    }),
    [editorId, label, editable, draft.language],
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

  const finalError = state.error && FINAL_ERRORS.has(state.error.code);
  const context: DraftEditorContext = { editor, ydoc: collab.ydoc, provider: collab.provider, access, shown };
  const { renderSectionExtra } = addons;
  return (
    <DraftWorkspace
      aside={
        <>
          <PresenceList awareness={collab.provider.awareness} />
          {shown && (
            <DraftOutline editor={editor} renderSectionExtra={renderSectionExtra && ((entry) => renderSectionExtra(entry, context))} />
          )}
          {addons.renderSide?.(context)}
        </>
      }
    >
      <div className="draft-editor-bar">
        <SaveStateIndicator status={state.status} synced={state.synced} pending={state.pending} unavailable={state.unavailable} />
        {editable && shown && <EditorToolbar editor={editor} controls={editorId} />}
        {addons.renderBar?.(context)}
        {/* In the sticky bar, so someone typing far down the draft sees it too. */}
        {state.othersDelayed && (
          <p className="notice draft-editor-bar__notice" role="status">
            {t('drafts.othersDelayed')}
          </p>
        )}
      </div>
      <AccessNote access={access} />
      <CollabErrorAlert state={state} />
      {shown ? (
        <EditorContent editor={editor} className="draft-document-frame" />
      ) : (
        !finalError && <DraftLoading offline={state.status !== 'connected'} />
      )}
    </DraftWorkspace>
  );
}

function DraftWorkspace({ aside, children }: { aside: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="section draft-workspace" aria-labelledby="draft-text">
      <h2 id="draft-text" className="visually-hidden">
        {t('drafts.editor.heading')}
      </h2>
      <div className="draft-main">{children}</div>
      <div className="draft-side">{aside}</div>
    </section>
  );
}

function AccessNote({ access }: { access: DocAccess }) {
  const { t } = useTranslation();
  if (access === 'edit') return null;
  return <p className="notice draft-access-note">{access === 'comment' ? t('drafts.access.comment') : t('drafts.access.view')}</p>;
}

function CollabErrorAlert({ state }: { state: ProviderState }) {
  const { t } = useTranslation();
  if (!state.error) return null;
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert-title">
        {t(`drafts.collabErrors.${state.error.code}`, { defaultValue: t('drafts.collabErrors.internal_error') })}
      </p>
    </div>
  );
}

/** Stands in for the text until it has arrived, so an empty page is never mistaken for a lost draft. */
function DraftLoading({ offline }: { offline: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="draft-skeleton" role="status">
      <p className="draft-skeleton-text">{offline ? t('drafts.editor.loadingOffline') : t('drafts.editor.loading')}</p>
      <div className="draft-skeleton-line draft-skeleton-line--heading" aria-hidden="true" />
      <div className="draft-skeleton-line" aria-hidden="true" />
      <div className="draft-skeleton-line" aria-hidden="true" />
      <div className="draft-skeleton-line draft-skeleton-line--short" aria-hidden="true" />
    </div>
  );
}
