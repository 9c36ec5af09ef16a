// What a dashboard shows, for a hub or a cohort: totals, who is behind and why, the adoption matrix, KPI progress.
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '@minga/contracts';
import { EmptyState } from '../../components/status-messages';
import { slug } from '../../lib/slug';
import { AdoptionMatrix } from './adoption-matrix';
import { CityStanding } from './city-standing';
import { DashboardTotals } from './dashboard-totals';
import { KpiComparison } from './kpi-comparison';

interface DashboardBodyProps {
  dashboard: Dashboard;
  /** The hub's or cohort's name, in the tables' captions. */
  scopeName: string;
  /** Start of the downloads' file names, e.g. the hub's key. */
  fileStem: string;
}

export function DashboardBody({ dashboard, scopeName, fileStem }: DashboardBodyProps) {
  const { t } = useTranslation();
  const file = (name: string) => slug(fileStem, name);
  return (
    <>
      <DashboardTotals totals={dashboard.totals} />
      {dashboard.cities.length === 0 ? (
        <EmptyState>{t('dashboards.empty')}</EmptyState>
      ) : (
        <>
          <section className="section" aria-labelledby="dashboard-standing">
            <h2 id="dashboard-standing">{t('dashboards.standing')}</h2>
            <CityStanding
              cities={dashboard.cities}
              caption={t('dashboards.standingCaption', { hub: scopeName })}
              filename={file('standing')}
            />
          </section>
          <section className="section" aria-labelledby="dashboard-matrix">
            <h2 id="dashboard-matrix">{t('dashboards.matrix')}</h2>
            <AdoptionMatrix dashboard={dashboard} caption={t('dashboards.matrixCaption', { hub: scopeName })} filename={file('adoption')} />
          </section>
          <section className="section" aria-labelledby="dashboard-kpis">
            <h2 id="dashboard-kpis">{t('dashboards.kpiProgress')}</h2>
            <KpiComparison
              cities={dashboard.cities}
              caption={t('dashboards.kpiCaption', { hub: scopeName })}
              filename={file('kpi-progress')}
            />
          </section>
        </>
      )}
    </>
  );
}
