// Every policy draft of the alliance, filtered by hub, model policy and status; the filters live in the URL.
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { draftStatusSchema } from '@minga/contracts';
import { PageHeading } from '../components/page-heading';
import type { DraftFilters } from '../features/drafts/api';
import { DraftFiltersForm } from '../features/drafts/draft-filters';
import { DraftsTable } from '../features/drafts/drafts-table';
import { useHubs } from '../features/hubs/api';
import { useModelPolicies } from '../features/model-policies/api';

export default function DraftsPage() {
  const { t } = useTranslation();
  const hubs = useHubs();
  const modelPolicies = useModelPolicies();
  const [params, setParams] = useSearchParams();
  const filters = useMemo<DraftFilters>(() => {
    const status = draftStatusSchema.safeParse(params.get('status'));
    return {
      hubId: params.get('hub') ?? undefined,
      modelPolicyId: params.get('policy') ?? undefined,
      status: status.success ? status.data : undefined,
    };
  }, [params]);

  const applyFilters = useCallback(
    (next: DraftFilters) => {
      const search = new URLSearchParams();
      if (next.hubId) search.set('hub', next.hubId);
      if (next.modelPolicyId) search.set('policy', next.modelPolicyId);
      if (next.status) search.set('status', next.status);
      setParams(search, { replace: true });
    },
    [setParams],
  );

  return (
    <div className="page">
      <PageHeading>{t('drafts.title')}</PageHeading>
      <p className="lead">{t('drafts.intro')}</p>
      <DraftFiltersForm hubs={hubs.data ?? []} modelPolicies={modelPolicies.data ?? []} value={filters} onChange={applyFilters} />
      <DraftsTable
        filters={filters}
        caption={t('drafts.caption')}
        emptyText={t('drafts.emptyFiltered')}
        modelPolicies={modelPolicies.data ?? []}
        showCity
      />
    </div>
  );
}
