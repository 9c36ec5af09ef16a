// The live draft: the shared live editor with the draft's own parts around it: who is here, the outline, the note on
// what this person may do, and whatever the page adds (comments, for one).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnyExtension } from '@tiptap/core';
import type { AppAbility } from '@minga/access';
import type { CollabError, DocAccess, Draft } from '@minga/contracts';
import type { OutlineEntry } from '@minga/editor';
import { LiveEditor, SaveStateIndicator, type LiveEditorContext } from '../../components/live-editor';
import { useSession } from '../../lib/session';
import { DraftOutline } from './draft-outline';
import { PresenceList } from './presence-list';
import './drafts.css';

/** Errors after which the server will not send this document, however long we wait. */
const FINAL_ERRORS = new Set(['forbidden', 'unknown_document']);

/** What the page may add around the live editor (comments, for one), without this feature knowing about them. */
export interface DraftEditorAddons {
  /** Extra editor extensions; read once, when the editor is made. */
  extensions?: AnyExtension[];
  /** Shown under the editor's bar, e.g. actions on the selection. */
  renderBar?: (context: LiveEditorContext) => ReactNode;
  /** Shown in the side column after the outline. */
  renderSide?: (context: LiveEditorContext) => ReactNode;
  /** Shown after a section's link in the outline. */
  renderSectionExtra?: (entry: OutlineEntry, context: LiveEditorContext) => ReactNode;
}

export function DraftEditor({ draft, addons = {} }: { draft: Draft; addons?: DraftEditorAddons }) {
  const { t } = useTranslation();
  const { ability } = useSession();
  const { renderSectionExtra } = addons;
  return (
    <LiveEditor
      docName={draft.docName}
      label={t('drafts.editor.label')}
      lang={draft.language}
      expectedAccess={expectedAccess(ability, draft)}
      extensions={addons.extensions}
      errorMessages="drafts.collabErrors"
      opening={
        <DraftWorkspace aside={null}>
          <SaveStateIndicator status="connecting" synced={false} pending={0} />
          <DraftLoading offline={false} />
        </DraftWorkspace>
      }
      renderBar={(context) => (
        <>
          {addons.renderBar?.(context)}
          {/* In the sticky bar, so someone typing far down the draft sees it too. */}
          {context.state.othersDelayed && (
            <p className="notice draft-editor-bar__notice" role="status">
              {t('drafts.othersDelayed')}
            </p>
          )}
        </>
      )}
      renderNotice={({ access }) => <AccessNote access={access} />}
      renderLoading={({ state }) => !isFinal(state.error) && <DraftLoading offline={state.status !== 'connected'} />}
      renderLayout={(editor, context) => (
        <DraftWorkspace
          aside={
            <>
              <PresenceList awareness={context.provider.awareness} />
              {context.shown && (
                <DraftOutline
                  editor={context.editor}
                  renderSectionExtra={renderSectionExtra && ((entry) => renderSectionExtra(entry, context))}
                />
              )}
              {addons.renderSide?.(context)}
            </>
          }
        >
          {editor}
        </DraftWorkspace>
      )}
    />
  );
}

/** Until the server answers, the same access policy it applies says what this person may do. */
function expectedAccess(ability: AppAbility, draft: Draft): DocAccess {
  const subject = { kind: 'Draft', id: draft.id, cityId: draft.cityId, hubId: draft.hubId } as const;
  if (ability.can('editContent', subject)) return 'edit';
  return ability.can('comment', subject) ? 'comment' : 'view';
}

function isFinal(error: CollabError | null): boolean {
  return error !== null && FINAL_ERRORS.has(error.code);
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
