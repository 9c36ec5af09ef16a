// Everyone in the alliance, filtered by hub, role and name; the filters live in the URL so a view can be shared.
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { roleSchema } from '@minga/contracts';
import { PageHeading } from '../components/page-heading';
import { useHubs } from '../features/hubs/api';
import type { PeopleFilters } from '../features/users/api';
import { PeopleFiltersForm } from '../features/users/people-filters';
import { PeopleTable } from '../features/users/people-table';

export default function PeoplePage() {
  const { t } = useTranslation();
  const hubs = useHubs();
  const [params, setParams] = useSearchParams();
  const filters = useMemo<PeopleFilters>(() => {
    const role = roleSchema.safeParse(params.get('role'));
    return {
      hubId: params.get('hub') ?? undefined,
      role: role.success ? role.data : undefined,
      q: params.get('q') ?? undefined,
    };
  }, [params]);

  const applyFilters = useCallback(
    (next: PeopleFilters) => {
      const search = new URLSearchParams();
      if (next.hubId) search.set('hub', next.hubId);
      if (next.role) search.set('role', next.role);
      if (next.q) search.set('q', next.q);
      setParams(search, { replace: true });
    },
    [setParams],
  );

  return (
    <div className="page">
      <PageHeading>{t('people.title')}</PageHeading>
      <p className="lead">{t('people.intro')}</p>
      <PeopleFiltersForm hubs={hubs.data ?? []} value={filters} onChange={applyFilters} />
      <PeopleTable filters={filters} caption={t('people.caption')} emptyText={t('people.empty')} />
    </div>
  );
}
