// A hub's dashboard: who is behind and why, the adoption matrix, KPI progress compared across cities; filters in the URL.
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { adoptionStageSchema, cityStatusSchema } from '@minga/contracts';
import { PageHeading } from '../components/page-heading';
import { EmptyState, ErrorState, LoadingState } from '../components/status-messages';
import { AdoptionMatrix } from '../features/dashboards/adoption-matrix';
import { useHubDashboard, type DashboardFilters } from '../features/dashboards/api';
import { CityStanding } from '../features/dashboards/city-standing';
import { DashboardFiltersForm } from '../features/dashboards/dashboard-filters';
import { DashboardTotals } from '../features/dashboards/dashboard-totals';
import { KpiComparison } from '../features/dashboards/kpi-comparison';
import { useModelPolicies } from '../features/model-policies/api';
import { slug } from '../lib/slug';

export default function HubDashboardPage() {
  const { t } = useTranslation();
  const { hubId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const modelPolicies = useModelPolicies();
  const filters = useMemo<DashboardFilters>(() => {
    const stage = adoptionStageSchema.safeParse(params.get('stage'));
    const cityStatus = cityStatusSchema.safeParse(params.get('status'));
    return {
      modelPolicyId: params.get('policy') ?? undefined,
      stage: stage.success ? stage.data : undefined,
      cityStatus: cityStatus.success ? cityStatus.data : undefined,
    };
  }, [params]);
  const applyFilters = useCallback(
    (next: DashboardFilters) => {
      const search = new URLSearchParams();
      if (next.modelPolicyId) search.set('policy', next.modelPolicyId);
      if (next.stage) search.set('stage', next.stage);
      if (next.cityStatus) search.set('status', next.cityStatus);
      setParams(search, { replace: true });
    },
    [setParams],
  );
  const dashboard = useHubDashboard(hubId, filters);
  const hub = dashboard.data?.hub;
  const file = (name: string) => slug(hub?.key ?? 'hub', name);

  return (
    <div className="page">
      <PageHeading>{hub ? t('dashboards.title', { hub: hub.name }) : t('dashboards.fallbackTitle')}</PageHeading>
      <p className="lead">
        {t('dashboards.intro')} <Link to={`/hubs/${hubId}`}>{t('dashboards.backToHub')}</Link>
      </p>
      <DashboardFiltersForm modelPolicies={modelPolicies.data ?? []} value={filters} onChange={applyFilters} />
      {dashboard.isPending && <LoadingState />}
      {dashboard.isError && <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />}
      {dashboard.data && (
        <div aria-busy={dashboard.isPlaceholderData}>
          <DashboardTotals totals={dashboard.data.totals} />
          {dashboard.data.cities.length === 0 ? (
            <EmptyState>{t('dashboards.empty')}</EmptyState>
          ) : (
            <>
              <section className="section" aria-labelledby="dashboard-standing">
                <h2 id="dashboard-standing">{t('dashboards.standing')}</h2>
                <CityStanding
                  cities={dashboard.data.cities}
                  caption={t('dashboards.standingCaption', {
                    hub: dashboard.data.hub.name,
                  })}
                  filename={file('standing')}
                />
              </section>
              <section className="section" aria-labelledby="dashboard-matrix">
                <h2 id="dashboard-matrix">{t('dashboards.matrix')}</h2>
                <AdoptionMatrix
                  dashboard={dashboard.data}
                  caption={t('dashboards.matrixCaption', {
                    hub: dashboard.data.hub.name,
                  })}
                  filename={file('adoption')}
                />
              </section>
              <section className="section" aria-labelledby="dashboard-kpis">
                <h2 id="dashboard-kpis">{t('dashboards.kpiProgress')}</h2>
                <KpiComparison
                  cities={dashboard.data.cities}
                  caption={t('dashboards.kpiCaption', {
                    hub: dashboard.data.hub.name,
                  })}
                  filename={file('kpi-progress')}
                />
              </section>
            </>
          )}
        </div>
      )}
    </div>
  );
}
