// A cohort's dashboard: its member cities (from any hub) compared as a hub's are; filters in the URL.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCohortDashboard } from '../features/dashboards/api';
import { DashboardScreen } from '../features/dashboards/dashboard-screen';
import { useDashboardFilters } from '../features/dashboards/use-dashboard-filters';
import { useModelPolicies } from '../features/model-policies/api';

export default function CohortDashboardPage() {
  const { t } = useTranslation();
  const { cohortId = '' } = useParams();
  const [filters, applyFilters] = useDashboardFilters();
  const modelPolicies = useModelPolicies();
  const dashboard = useCohortDashboard(cohortId, filters);
  const cohort = dashboard.data?.cohort;
  return (
    <DashboardScreen
      title={cohort ? t('dashboards.cohortTitle', { cohort: cohort.name }) : t('dashboards.cohortFallbackTitle')}
      backLink={<Link to={`/cohorts/${cohortId}`}>{t('dashboards.backToCohort')}</Link>}
      modelPolicies={modelPolicies.data ?? []}
      filters={filters}
      onFiltersChange={applyFilters}
      dashboard={dashboard}
      scopeOf={(data) => ({
        name: data.cohort.name,
        fileStem: data.cohort.name,
      })}
    />
  );
}
