// A city's action plans, one per model policy it adopts, and for its officials and coordinators a form to start one.
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { City } from '@minga/contracts';
import { DataTable } from '../../components/data-table';
import { DisclosureForm } from '../../components/disclosure-form';
import { ProgressMeter } from '../../components/progress-meter';
import { QueryState } from '../../components/query-state';
import { StageTag } from '../../components/stage-tag';
import { EmptyState } from '../../components/status-messages';
import { OverdueFlag } from '../../components/status-tags';
import { TableExport } from '../../components/table-export';
import { useSession } from '../../lib/session';
import { slug } from '../../lib/slug';
import { useCityActionPlans } from './api';
import { ActionPlanForm } from './action-plan-form';

interface CityActionPlansProps {
  city: Pick<City, 'id' | 'name' | 'hubId'>;
  modelPolicies: { id: string; name: string }[];
}

export function CityActionPlans({ city, modelPolicies }: CityActionPlansProps) {
  const { t } = useTranslation();
  const { ability } = useSession();
  const navigate = useNavigate();
  const plans = useCityActionPlans(city.id);
  const canCreate = ability.can('create', {
    kind: 'ActionPlan',
    id: '',
    cityId: city.id,
    hubId: city.hubId,
    published: false,
  });
  const planned = new Set(plans.data?.map((plan) => plan.modelPolicyId));
  const unplanned = modelPolicies.filter((policy) => !planned.has(policy.id));

  return (
    <QueryState query={plans}>
      {(list) => (
        <>
          {list.some((plan) => plan.published) && (
            <p>
              <Link to={`/open-data/cities/${city.id}`}>{t('plans.cityOpenData', { city: city.name })}</Link>
            </p>
          )}
          {list.length === 0 ? (
            <EmptyState>{t('plans.cityEmpty')}</EmptyState>
          ) : (
            <>
              <DataTable
                caption={t('plans.cityCaption', { city: city.name })}
                rows={list}
                rowKey={(plan) => plan.id}
                columns={[
                  {
                    header: t('plans.modelPolicy'),
                    rowHeader: true,
                    cell: (plan) => <Link to={`/action-plans/${plan.id}`}>{plan.modelPolicyName}</Link>,
                  },
                  { header: t('plans.stageLabel'), cell: (plan) => <StageTag stage={plan.stage} /> },
                  { header: t('plans.progress'), cell: (plan) => <ProgressMeter share={plan.progress / 100} /> },
                  {
                    header: t('plans.milestonesLabel'),
                    cell: (plan) => (
                      <>
                        {t('plans.milestoneCounts', { count: plan.milestoneCount, overdue: plan.overdueCount })}{' '}
                        {plan.overdueCount > 0 && <OverdueFlag />}
                      </>
                    ),
                  },
                  { header: t('plans.publication'), cell: (plan) => (plan.published ? t('plans.published') : t('plans.notPublished')) },
                ]}
              />
              <TableExport
                filename={slug(city.name, 'action-plans')}
                subject={t('plans.cityCaption', { city: city.name })}
                columns={['id', 'model_policy', 'stage', 'progress', 'milestones', 'overdue_milestones', 'kpis', 'published']}
                rows={list.map((plan) => ({
                  id: plan.id,
                  model_policy: plan.modelPolicyKey,
                  stage: plan.stage,
                  progress: plan.progress,
                  milestones: plan.milestoneCount,
                  overdue_milestones: plan.overdueCount,
                  kpis: plan.kpiCount,
                  published: plan.published,
                }))}
              />
            </>
          )}
          {canCreate && unplanned.length > 0 && (
            <DisclosureForm label={t('plans.new.open')} className="draft-creator" focusSelector="select, textarea">
              {(close) => (
                <>
                  <h3>{t('plans.new.heading')}</h3>
                  <ActionPlanForm
                    cityId={city.id}
                    modelPolicies={unplanned}
                    onSaved={(plan) => void navigate(`/action-plans/${plan.id}`)}
                    onCancel={close}
                  />
                </>
              )}
            </DisclosureForm>
          )}
        </>
      )}
    </QueryState>
  );
}
