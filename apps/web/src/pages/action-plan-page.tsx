// A city's action plan for one model policy: where it stands, its intent, milestones, KPIs, CSV import and history.
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ActionPlan } from '@minga/contracts';
import { PageHeading } from '../components/page-heading';
import { QueryState } from '../components/query-state';
import { useActionPlan } from '../features/action-plans/api';
import { CsvImport } from '../features/action-plans/csv-import';
import { PlanFacts } from '../features/action-plans/plan-facts';
import { PlanHistory } from '../features/action-plans/plan-history';
import { PlanIntent, PlanMilestones } from '../features/action-plans/plan-sections';
import { PlanKpis } from '../features/action-plans/plan-kpis';
import { useSession } from '../lib/session';
import { slug } from '../lib/slug';

export default function ActionPlanPage() {
  const { t } = useTranslation();
  const { planId = '' } = useParams();
  const plan = useActionPlan(planId);
  return (
    <div className="page">
      <PageHeading>
        {plan.data
          ? t('plans.pageTitle', {
              policy: plan.data.modelPolicyName,
              city: plan.data.cityName,
            })
          : t('plans.fallbackTitle')}
      </PageHeading>
      <QueryState query={plan}>{(data) => <PlanSections plan={data} />}</QueryState>
    </div>
  );
}

function PlanSections({ plan }: { plan: ActionPlan }) {
  const { t } = useTranslation();
  const { ability } = useSession();
  const resource = {
    kind: 'ActionPlan',
    id: plan.id,
    cityId: plan.cityId,
    hubId: plan.hubId,
    published: plan.published,
  } as const;
  const canEdit = ability.can('update', resource);
  const canDelete = ability.can('delete', resource);
  const planName = t('plans.shortName', {
    policy: plan.modelPolicyName,
    city: plan.cityName,
  });
  const filename = slug(plan.cityName, plan.modelPolicyKey);
  return (
    <>
      <PlanFacts plan={plan} />
      <nav aria-label={t('hubs.sectionsNav')} className="section-nav">
        <ul>
          <li>
            <a href="#plan-intent">{t('plans.statementOfIntent')}</a>
          </li>
          <li>
            <a href="#plan-milestones">{t('plans.milestonesLabel')}</a>
          </li>
          <li>
            <a href="#plan-kpis">{t('kpis.title')}</a>
          </li>
          {canEdit && (
            <li>
              <a href="#plan-import">{t('plans.import.heading')}</a>
            </li>
          )}
          <li>
            <a href="#plan-history">{t('plans.history.title')}</a>
          </li>
        </ul>
      </nav>
      <section className="section" aria-labelledby="plan-intent">
        <h2 id="plan-intent" tabIndex={-1}>
          {t('plans.statementOfIntent')}
        </h2>
        <PlanIntent plan={plan} canEdit={canEdit} />
      </section>
      <section className="section" aria-labelledby="plan-milestones">
        <h2 id="plan-milestones" tabIndex={-1}>
          {t('plans.milestonesLabel')}
        </h2>
        <PlanMilestones plan={plan} canEdit={canEdit} canDelete={canDelete} filename={`${filename}-milestones`} />
      </section>
      <section className="section" aria-labelledby="plan-kpis">
        <h2 id="plan-kpis" tabIndex={-1}>
          {t('kpis.title')}
        </h2>
        <PlanKpis planId={plan.id} planName={planName} filename={`${filename}-kpis`} canEdit={canEdit} canDelete={canDelete} />
      </section>
      {canEdit && (
        <section className="section" aria-labelledby="plan-import">
          <h2 id="plan-import" tabIndex={-1}>
            {t('plans.import.heading')}
          </h2>
          <p className="lead">{t('plans.import.intro')}</p>
          <CsvImport plan={plan} />
        </section>
      )}
      <section className="section" aria-labelledby="plan-history">
        <h2 id="plan-history" tabIndex={-1}>
          {t('plans.history.title')}
        </h2>
        <PlanHistory planId={plan.id} caption={t('plans.history.caption', { plan: planName })} filename={`${filename}-history`} />
      </section>
    </>
  );
}
