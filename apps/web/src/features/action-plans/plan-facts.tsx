// Where a plan stands at a glance: stage, progress, milestones overdue, publication, and its links.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ActionPlan } from '@minga/contracts';
import { ProgressMeter } from '../../components/progress-meter';
import { StageTag } from '../../components/stage-tag';
import { useFormatters } from '../../lib/formatters';

export function PlanFacts({ plan }: { plan: ActionPlan }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <dl className="facts plan-summary">
      <div className="facts-item">
        <dt>{t('plans.city')}</dt>
        <dd>
          <Link to={`/cities/${plan.cityId}`}>{plan.cityName}</Link>
        </dd>
      </div>
      <div className="facts-item">
        <dt>{t('plans.stageLabel')}</dt>
        <dd>
          <StageTag stage={plan.stage} />
        </dd>
      </div>
      <div className="facts-item">
        <dt>{t('plans.progress')}</dt>
        <dd>
          <ProgressMeter share={plan.progress / 100} />
        </dd>
      </div>
      <div className="facts-item">
        <dt>{t('plans.milestonesLabel')}</dt>
        <dd>
          {t('plans.milestoneCounts', {
            count: plan.milestoneCount,
            overdue: plan.overdueCount,
          })}
        </dd>
      </div>
      <div className="facts-item">
        <dt>{t('plans.draft')}</dt>
        <dd>{plan.draftId ? <Link to={`/drafts/${plan.draftId}`}>{t('plans.openDraft')}</Link> : t('plans.noDraft')}</dd>
      </div>
      <div className="facts-item">
        <dt>{t('plans.publication')}</dt>
        <dd>
          {plan.published && plan.publishedAt ? (
            <>
              {t('plans.publishedOn', { date: format.date(plan.publishedAt) })}{' '}
              <Link to={`/open-data/cities/${plan.cityId}`}>{t('plans.openDataPage')}</Link>
            </>
          ) : (
            t('plans.notPublished')
          )}
        </dd>
      </div>
    </dl>
  );
}
