// A hub's dashboard: who is behind and why, the adoption matrix, KPI progress compared across cities; filters in the URL.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useHubDashboard } from '../features/dashboards/api';
import { DashboardScreen } from '../features/dashboards/dashboard-screen';
import { useDashboardFilters } from '../features/dashboards/use-dashboard-filters';
import { useModelPolicies } from '../features/model-policies/api';

export default function HubDashboardPage() {
  const { t } = useTranslation();
  const { hubId = '' } = useParams();
  const [filters, applyFilters] = useDashboardFilters();
  const modelPolicies = useModelPolicies();
  const dashboard = useHubDashboard(hubId, filters);
  const hub = dashboard.data?.hub;
  return (
    <DashboardScreen
      title={hub ? t('dashboards.title', { hub: hub.name }) : t('dashboards.fallbackTitle')}
      backLink={<Link to={`/hubs/${hubId}`}>{t('dashboards.backToHub')}</Link>}
      modelPolicies={modelPolicies.data ?? []}
      filters={filters}
      onFiltersChange={applyFilters}
      dashboard={dashboard}
      scopeOf={(data) => ({ name: data.hub.name, fileStem: data.hub.key })}
    />
  );
}
