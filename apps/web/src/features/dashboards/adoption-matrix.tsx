// Cities by model policies: each cell names the plan's stage in words (tinted from grey to green), its progress and
// overdue milestones, and links to the plan; an empty cell says there is no plan.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Dashboard } from '@minga/contracts';
import { DataTable, type DataColumn } from '../../components/data-table';
import { StageTag } from '../../components/stage-tag';
import { TableExport } from '../../components/table-export';
import { useFormatters } from '../../lib/formatters';
import './dashboards.css';

type City = Dashboard['cities'][number];

interface AdoptionMatrixProps {
  dashboard: Pick<Dashboard, 'cities' | 'modelPolicies' | 'cells'>;
  caption: string;
  filename: string;
}

export function AdoptionMatrix({ dashboard, caption, filename }: AdoptionMatrixProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const cells = new Map(dashboard.cells.map((cell) => [`${cell.cityId}:${cell.modelPolicyId}`, cell]));
  const policyNames = new Map(dashboard.modelPolicies.map((policy) => [policy.id, policy.name]));
  const cityNames = new Map(dashboard.cities.map((city) => [city.id, city.name]));

  return (
    <>
      <DataTable
        className="table matrix"
        caption={caption}
        rows={dashboard.cities}
        rowKey={(city) => city.id}
        columns={[
          { header: t('dashboards.city'), rowHeader: true, cell: (city) => <Link to={`/cities/${city.id}`}>{city.name}</Link> },
          ...dashboard.modelPolicies.map((policy): DataColumn<City> => {
            const cellOf = (city: City) => cells.get(`${city.id}:${policy.id}`);
            return {
              key: policy.id,
              header: policy.name,
              cellClassName: (city) => (cellOf(city) ? undefined : 'muted'),
              cell: (city) => {
                const cell = cellOf(city);
                if (!cell) return t('dashboards.noPlan');
                return (
                  <>
                    <Link
                      to={`/action-plans/${cell.actionPlanId}`}
                      aria-label={t('dashboards.cellLink', {
                        city: city.name,
                        policy: policy.name,
                        stage: t(`plans.stage.${cell.stage}`),
                      })}
                    >
                      <StageTag stage={cell.stage} />
                    </Link>
                    <div className="muted">{t('dashboards.cellProgress', { progress: format.percent(cell.progress / 100) })}</div>
                    {cell.overdueCount > 0 && <div className="behind">{t('dashboards.overdueCount', { count: cell.overdueCount })}</div>}
                  </>
                );
              },
            };
          }),
        ]}
      />
      <TableExport
        filename={filename}
        subject={caption}
        columns={[
          'city_id',
          'city',
          'model_policy_id',
          'model_policy',
          'action_plan_id',
          'stage',
          'progress',
          'overdue_milestones',
          'published',
        ]}
        rows={dashboard.cells.map((cell) => ({
          city_id: cell.cityId,
          city: cityNames.get(cell.cityId) ?? null,
          model_policy_id: cell.modelPolicyId,
          model_policy: policyNames.get(cell.modelPolicyId) ?? null,
          action_plan_id: cell.actionPlanId,
          stage: cell.stage,
          progress: cell.progress,
          overdue_milestones: cell.overdueCount,
          published: cell.published,
        }))}
      />
    </>
  );
}
