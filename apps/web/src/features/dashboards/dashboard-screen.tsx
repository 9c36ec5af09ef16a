// A dashboard page's frame, for a hub or a cohort: heading, back link, filters kept in the URL, then the dashboard.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UseQueryResult } from '@tanstack/react-query';
import type { Dashboard } from '@minga/contracts';
import { PageHeading } from '../../components/page-heading';
import { QueryState } from '../../components/query-state';
import type { DashboardFilters } from './api';
import { DashboardBody } from './dashboard-body';
import { DashboardFiltersForm } from './dashboard-filters';

interface DashboardScreenProps<T extends Dashboard> {
  title: string;
  backLink: ReactNode;
  modelPolicies: { id: string; name: string }[];
  filters: DashboardFilters;
  onFiltersChange: (next: DashboardFilters) => void;
  dashboard: UseQueryResult<T>;
  /** The hub's or cohort's name and a file-name stem, once the dashboard has come. */
  scopeOf: (dashboard: T) => { name: string; fileStem: string };
}

export function DashboardScreen<T extends Dashboard>({
  title,
  backLink,
  modelPolicies,
  filters,
  onFiltersChange,
  dashboard,
  scopeOf,
}: DashboardScreenProps<T>) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageHeading>{title}</PageHeading>
      <p className="lead">
        {t('dashboards.intro')} {backLink}
      </p>
      <DashboardFiltersForm modelPolicies={modelPolicies} value={filters} onChange={onFiltersChange} />
      <QueryState query={dashboard}>
        {(data) => {
          const scope = scopeOf(data);
          return (
            <div aria-busy={dashboard.isPlaceholderData}>
              <DashboardBody dashboard={data} scopeName={scope.name} fileStem={scope.fileStem} />
            </div>
          );
        }}
      </QueryState>
    </div>
  );
}
