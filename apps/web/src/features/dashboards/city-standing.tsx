// Each city's standing and the reasons behind it: overdue milestones and off-track KPIs, named, with their dates
// and shares of target; the cities behind come first.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CITY_STATUSES, type DashboardCity } from '@minga/contracts';
import { DataTable } from '../../components/data-table';
import { TableExport } from '../../components/table-export';
import { useFormatters } from '../../lib/formatters';
import { CityStatusTag } from './city-status-tag';
import './dashboards.css';

const ORDER = ['behind', 'at_risk', 'on_track', 'no_plan'] as const satisfies readonly (typeof CITY_STATUSES)[number][];

export function CityStanding({ cities, caption, filename }: { cities: DashboardCity[]; caption: string; filename: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const sorted = [...cities].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || a.name.localeCompare(b.name));
  return (
    <>
      <DataTable
        caption={caption}
        rows={sorted}
        rowKey={(city) => city.id}
        columns={[
          { header: t('dashboards.city'), rowHeader: true, cell: (city) => <Link to={`/cities/${city.id}`}>{city.name}</Link> },
          { header: t('dashboards.cityStatusLabel'), cell: (city) => <CityStatusTag status={city.status} /> },
          { header: t('dashboards.why'), cellClassName: () => 'reasons-cell', cell: (city) => <Reasons city={city} /> },
          { header: t('dashboards.milestonesDue'), className: 'numeric', cell: (city) => format.number(city.milestonesDue) },
          { header: t('dashboards.milestonesOverdue'), className: 'numeric', cell: (city) => format.number(city.milestonesOverdue) },
        ]}
      />
      <TableExport
        filename={filename}
        subject={caption}
        columns={[
          'city_id',
          'city',
          'status',
          'plans',
          'milestones_due',
          'milestones_overdue',
          'kpis_off_track',
          'kpis_at_risk',
          'overdue_milestones',
          'off_track_kpis',
        ]}
        rows={sorted.map((city) => ({
          city_id: city.id,
          city: city.name,
          status: city.status,
          plans: city.planCount,
          milestones_due: city.milestonesDue,
          milestones_overdue: city.milestonesOverdue,
          kpis_off_track: city.kpis.offTrack,
          kpis_at_risk: city.kpis.atRisk,
          overdue_milestones: city.overdueMilestones.map((milestone) => `${milestone.title} (${milestone.dueDate})`).join(' | '),
          off_track_kpis: city.offTrackKpis.map((kpi) => kpi.name).join(' | '),
        }))}
      />
    </>
  );
}

function Reasons({ city }: { city: DashboardCity }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const reasons = [
    ...city.overdueMilestones.map((milestone) => (
      <li key={milestone.id}>
        <Link to={`/action-plans/${milestone.actionPlanId}`}>
          {t('dashboards.reasonOverdue', {
            title: milestone.title,
            date: format.day(milestone.dueDate),
          })}
        </Link>
      </li>
    )),
    ...city.offTrackKpis.map((kpi) => (
      <li key={kpi.id}>
        <Link to={`/action-plans/${kpi.actionPlanId}`}>
          {kpi.progress === null
            ? t('dashboards.reasonOffTrackNoData', { name: kpi.name })
            : t('dashboards.reasonOffTrack', {
                name: kpi.name,
                share: format.percent(kpi.progress),
              })}
        </Link>
      </li>
    )),
  ];
  if (city.status === 'no_plan') return <span className="muted">{t('dashboards.reasonNoPlan')}</span>;
  if (reasons.length === 0) {
    return (
      <span className="muted">
        {city.status === 'at_risk'
          ? t('dashboards.reasonAtRisk', {
              kpis: city.kpis.atRisk,
              due: city.milestonesDue,
            })
          : t('dashboards.reasonNone')}
      </span>
    );
  }
  return <ul className="behind-list">{reasons}</ul>;
}
