import { useTranslation } from 'react-i18next';
import type { Dashboard } from '@minga/contracts';
import { useFormatters } from '../../lib/formatters';
import './dashboards.css';

/** The hub in six numbers: cities, plans, cities behind, milestones due and overdue, KPIs off track. */
export function DashboardTotals({ totals }: { totals: Dashboard['totals'] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const items = [
    ['cities', totals.cities],
    ['plans', totals.plans],
    ['citiesBehind', totals.citiesBehind],
    ['milestonesDue', totals.milestonesDue],
    ['milestonesOverdue', totals.milestonesOverdue],
    ['kpisOffTrack', totals.kpisOffTrack],
  ] as const;
  return (
    <dl className="facts plan-summary totals">
      {items.map(([key, value]) => (
        <div className="facts-item" key={key}>
          <dt>{t(`dashboards.totals.${key}`)}</dt>
          <dd>{format.number(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
