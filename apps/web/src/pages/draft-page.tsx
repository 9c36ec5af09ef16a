// A policy draft: its facts, the status steps for those who steer it, exports, the live editor and its versions.
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Draft } from '@minga/contracts';
import { PageHeading } from '../components/page-heading';
import { ErrorState, LoadingState } from '../components/status-messages';
import { useDraft } from '../features/drafts/api';
import { DraftEditor } from '../features/drafts/draft-editor';
import { DraftFacts } from '../features/drafts/draft-facts';
import { DraftStatusActions } from '../features/drafts/draft-status-actions';
import { ExportMenu } from '../features/drafts/export-menu';
import { VERSIONS_HEADING_ID, VersionsPanel } from '../features/drafts/versions-panel';
import { useModelPolicies } from '../features/model-policies/api';

export default function DraftPage() {
  const { t } = useTranslation();
  const { draftId = '' } = useParams();
  const draft = useDraft(draftId);
  return (
    <div className="page">
      <PageHeading>{draft.data?.title ?? t('drafts.fallbackTitle')}</PageHeading>
      {draft.isPending && <LoadingState />}
      {draft.isError && <ErrorState error={draft.error} onRetry={() => void draft.refetch()} />}
      {draft.data && <DraftSections draft={draft.data} />}
    </div>
  );
}

function DraftSections({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const modelPolicies = useModelPolicies();
  const modelPolicy = modelPolicies.data?.find((policy) => policy.id === draft.modelPolicyId);
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
              <a href={`#${VERSIONS_HEADING_ID}`}>{t('drafts.versions.heading')}</a>
            </li>
          </ul>
        </nav>
        <ExportMenu draft={draft} />
      </div>
      <DraftEditor draft={draft} />
      <VersionsPanel draft={draft} />
    </>
  );
}
