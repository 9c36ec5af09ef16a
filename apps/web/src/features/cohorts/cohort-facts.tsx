import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Cohort } from '@minga/contracts';
import { useFormatters } from '../../lib/formatters';

/** The owner hub, model policy, period and head counts of a cohort, as a description list. */
export function CohortFacts({ cohort }: { cohort: Cohort }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      <div className="facts-item">
        <dt>{t('cohorts.hub')}</dt>
        <dd>
          <Link to={`/hubs/${cohort.hubId}`}>{cohort.hubName}</Link>
        </dd>
      </div>
      <CohortSummaryFacts cohort={cohort} />
    </dl>
  );
}

/** Model policy, period and head counts: what a cohort's page and its card in a list both show. */
export function CohortSummaryFacts({ cohort }: { cohort: Cohort }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <>
      <div className="facts-item facts-item--wide">
        <dt>{t('cohorts.modelPolicy')}</dt>
        <dd>{cohort.modelPolicy?.name ?? t('cohorts.noModelPolicy')}</dd>
      </div>
      <div className="facts-item facts-item--wide">
        <dt>{t('cohorts.period')}</dt>
        <dd>{t('cohorts.periodValue', { from: format.day(cohort.startsOn), to: format.day(cohort.endsOn) })}</dd>
      </div>
      <div className="facts-item">
        <dt>{t('cohorts.cityCount')}</dt>
        <dd>{format.number(cohort.cities.length)}</dd>
      </div>
      <div className="facts-item">
        <dt>{t('cohorts.memberCount')}</dt>
        <dd>{format.number(cohort.memberCount)}</dd>
      </div>
    </>
  );
}
