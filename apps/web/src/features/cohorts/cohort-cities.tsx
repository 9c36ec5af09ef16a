// The member cities of a cohort: local time now, the draft of the cohort's model policy and its status, and the
// action plan's stage and progress.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CohortCityStatus } from '@minga/contracts';
import { DataTable } from '../../components/data-table';
import { ProgressMeter } from '../../components/progress-meter';
import { StageTag } from '../../components/stage-tag';
import { useDisplayNames } from '../../lib/display-names';
import { useFormatters } from '../../lib/formatters';
import { useNow } from '../../lib/use-now';
import './cohorts.css';

export function CohortCities({ cities, caption }: { cities: CohortCityStatus[]; caption: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const names = useDisplayNames();
  const now = useNow();
  return (
    <DataTable
      caption={caption}
      emptyText={t('cohorts.citiesEmpty')}
      rows={cities}
      rowKey={({ city }) => city.id}
      columns={[
        {
          header: t('cohorts.city'),
          rowHeader: true,
          cell: ({ city }) => (
            <>
              <Link to={`/cities/${city.id}`}>{city.name}</Link>
              <span className="cohort-city-country">{names.region(city.country)}</span>
            </>
          ),
        },
        { header: t('cohorts.localTime'), cell: ({ city }) => format.timeIn(city.timeZone, now) },
        {
          header: t('cohorts.draft'),
          cell: ({ draft }) =>
            draft ? (
              <>
                <Link to={`/drafts/${draft.id}`}>{draft.title}</Link>{' '}
                <span className={`status-tag status-tag--${draft.status}`}>{t(`drafts.status.${draft.status}`)}</span>
              </>
            ) : (
              t('cohorts.noDraft')
            ),
        },
        {
          header: t('cohorts.actionPlan'),
          cell: ({ actionPlan }) =>
            actionPlan ? (
              <span className="cohort-plan">
                <Link to={`/action-plans/${actionPlan.id}`}>
                  <StageTag stage={actionPlan.stage} />
                </Link>
                <ProgressMeter share={actionPlan.progress / 100} />
                {actionPlan.overdueCount > 0 && <span>{t('cohorts.overdue', { number: format.number(actionPlan.overdueCount) })}</span>}
              </span>
            ) : (
              t('cohorts.noPlan')
            ),
        },
      ]}
    />
  );
}
