// A city's action plans, one per model policy it adopts, and for its officials and coordinators a form to start one.
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { City } from '@minga/contracts';
import { ProgressMeter } from '../../components/progress-meter';
import { StageTag } from '../../components/stage-tag';
import { EmptyState, ErrorState, LoadingState } from '../../components/status-messages';
import { OverdueFlag } from '../../components/status-tags';
import { TableExport } from '../../components/table-export';
import { useDisclosureForm } from '../../components/use-disclosure-form';
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
  const { open, setOpen, formArea, openButton } = useDisclosureForm('select, textarea');
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
    <>
      {plans.isPending && <LoadingState />}
      {plans.isError && <ErrorState error={plans.error} onRetry={() => void plans.refetch()} />}
      {plans.data?.some((plan) => plan.published) && (
        <p>
          <Link to={`/open-data/cities/${city.id}`}>{t('plans.cityOpenData', { city: city.name })}</Link>
        </p>
      )}
      {plans.data?.length === 0 && <EmptyState>{t('plans.cityEmpty')}</EmptyState>}
      {plans.data && plans.data.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption>{t('plans.cityCaption', { city: city.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('plans.modelPolicy')}</th>
                  <th scope="col">{t('plans.stageLabel')}</th>
                  <th scope="col">{t('plans.progress')}</th>
                  <th scope="col">{t('plans.milestonesLabel')}</th>
                  <th scope="col">{t('plans.publication')}</th>
                </tr>
              </thead>
              <tbody>
                {plans.data.map((plan) => (
                  <tr key={plan.id}>
                    <th scope="row">
                      <Link to={`/action-plans/${plan.id}`}>{plan.modelPolicyName}</Link>
                    </th>
                    <td>
                      <StageTag stage={plan.stage} />
                    </td>
                    <td>
                      <ProgressMeter share={plan.progress / 100} />
                    </td>
                    <td>
                      {t('plans.milestoneCounts', {
                        count: plan.milestoneCount,
                        overdue: plan.overdueCount,
                      })}{' '}
                      {plan.overdueCount > 0 && <OverdueFlag />}
                    </td>
                    <td>{plan.published ? t('plans.published') : t('plans.notPublished')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <TableExport
            filename={slug(city.name, 'action-plans')}
            subject={t('plans.cityCaption', { city: city.name })}
            columns={['id', 'model_policy', 'stage', 'progress', 'milestones', 'overdue_milestones', 'kpis', 'published']}
            rows={plans.data.map((plan) => ({
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
      {canCreate && plans.data && unplanned.length > 0 && (
        <div className="draft-creator">
          {open ? (
            <div ref={formArea}>
              <h3>{t('plans.new.heading')}</h3>
              <ActionPlanForm
                cityId={city.id}
                modelPolicies={unplanned}
                onSaved={(plan) => void navigate(`/action-plans/${plan.id}`)}
                onCancel={() => setOpen(false)}
              />
            </div>
          ) : (
            <button ref={openButton} type="button" className="button" onClick={() => setOpen(true)}>
              {t('plans.new.open')}
            </button>
          )}
        </div>
      )}
    </>
  );
}
