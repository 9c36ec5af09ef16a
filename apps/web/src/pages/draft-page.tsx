// A policy draft: its facts, the status steps for those who steer it, exports, the live editor with its comments,
// the expert input that changed it, and its versions.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Draft } from '@minga/contracts';
import { PageHeading } from '../components/page-heading';
import { QueryState } from '../components/query-state';
import { useDraft } from '../features/drafts/api';
import { CommentsPanel } from '../features/comments/comments-panel';
import { CONTRIBUTIONS_HEADING_ID, ContributionsList } from '../features/comments/contributions-list';
import { liveSourceOf } from '../features/comments/live-source';
import { SectionCommentCount } from '../features/comments/section-comment-count';
import { SelectionActions } from '../features/comments/selection-actions';
import { useDraftComments } from '../features/comments/use-draft-comments';
import { DraftEditor, type DraftEditorAddons } from '../features/drafts/draft-editor';
import { DraftFacts } from '../features/drafts/draft-facts';
import { DraftStatusActions } from '../features/drafts/draft-status-actions';
import { ExportMenu } from '../features/draft-versions/export-menu';
import { VERSIONS_HEADING_ID, VersionsPanel } from '../features/draft-versions/versions-panel';
import { useModelPolicies } from '../features/model-policies/api';
import '../features/drafts/drafts.css';

export default function DraftPage() {
  const { t } = useTranslation();
  const { draftId = '' } = useParams();
  const draft = useDraft(draftId);
  return (
    <div className="page">
      <PageHeading>{draft.data?.title ?? t('drafts.fallbackTitle')}</PageHeading>
      <QueryState query={draft}>{(data) => <DraftSections draft={data} />}</QueryState>
    </div>
  );
}

function DraftSections({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const modelPolicies = useModelPolicies();
  const modelPolicy = modelPolicies.data?.find((policy) => policy.id === draft.modelPolicyId);
  const comments = useDraftComments(draft);
  const addons = useMemo<DraftEditorAddons>(
    () => ({
      extensions: comments.extensions,
      renderBar: ({ editor, access, shown }) => shown && <SelectionActions comments={comments} editor={editor} access={access} />,
      renderSide: ({ editor, access, provider, shown }) => (
        <CommentsPanel comments={comments} editor={editor} access={access} live={liveSourceOf(provider)} shown={shown} />
      ),
      renderSectionExtra: (entry, { ydoc }) => <SectionCommentCount draftId={draft.id} ydoc={ydoc} entry={entry} />,
    }),
    [comments, draft.id],
  );
  return (
    <>
      <DraftFacts draft={draft} modelPolicyName={modelPolicy?.name} />
      <DraftStatusActions draft={draft} />
      <div className="draft-page-tools">
        <nav aria-label={t('drafts.sectionsNav')} className="section-nav draft-sections-nav">
          <ul>
            <li>
              <a href="#draft-text">{t('drafts.editor.heading')}</a>
            </li>
            <li>
              <a href={`#${CONTRIBUTIONS_HEADING_ID}`}>{t('comments.contributions.heading')}</a>
            </li>
            <li>
              <a href={`#${VERSIONS_HEADING_ID}`}>{t('drafts.versions.heading')}</a>
            </li>
          </ul>
        </nav>
        <ExportMenu draft={draft} />
      </div>
      <DraftEditor draft={draft} addons={addons} />
      <ContributionsList draft={draft} />
      <VersionsPanel draft={draft} />
    </>
  );
}
