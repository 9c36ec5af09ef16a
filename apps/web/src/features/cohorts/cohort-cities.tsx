// The member cities of a cohort: local time now, the draft of the cohort's model policy and its status, and the
// action plan's stage and progress.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CohortCityStatus } from '@minga/contracts';
import { ProgressMeter } from '../../components/progress-meter';
import { StageTag } from '../../components/stage-tag';
import { EmptyState } from '../../components/status-messages';
import { useDisplayNames } from '../../lib/display-names';
import { useFormatters } from '../../lib/formatters';
import { useNow } from '../../lib/use-now';
import './cohorts.css';

export function CohortCities({ cities, caption }: { cities: CohortCityStatus[]; caption: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const names = useDisplayNames();
  const now = useNow();
  if (cities.length === 0) return <EmptyState>{t('cohorts.citiesEmpty')}</EmptyState>;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cohorts.city')}</th>
            <th scope="col">{t('cohorts.localTime')}</th>
            <th scope="col">{t('cohorts.draft')}</th>
            <th scope="col">{t('cohorts.actionPlan')}</th>
          </tr>
        </thead>
        <tbody>
          {cities.map(({ city, draft, actionPlan }) => (
            <tr key={city.id}>
              <th scope="row">
                <Link to={`/cities/${city.id}`}>{city.name}</Link>
                <span className="cohort-city-country">{names.region(city.country)}</span>
              </th>
              <td>{format.timeIn(city.timeZone, now)}</td>
              <td>
                {draft ? (
                  <>
                    <Link to={`/drafts/${draft.id}`}>{draft.title}</Link>{' '}
                    <span className={`status-tag status-tag--${draft.status}`}>{t(`drafts.status.${draft.status}`)}</span>
                  </>
                ) : (
                  t('cohorts.noDraft')
                )}
              </td>
              <td>
                {actionPlan ? (
                  <span className="cohort-plan">
                    <Link to={`/action-plans/${actionPlan.id}`}>
                      <StageTag stage={actionPlan.stage} />
                    </Link>
                    <ProgressMeter share={actionPlan.progress / 100} />
                    {actionPlan.overdueCount > 0 && <span>{t('cohorts.overdue', { number: format.number(actionPlan.overdueCount) })}</span>}
                  </span>
                ) : (
                  t('cohorts.noPlan')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
