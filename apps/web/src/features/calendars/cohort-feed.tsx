// A cohort's calendar subscription: one secret feed of its meetings for whoever asks, shown once when made.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedCalendarFeed } from '@minga/contracts';
import { ProblemAlert } from '../../components/problem-alert';
import { useCreateCalendarFeed } from './api';
import { NewFeedUrl } from './new-feed-url';

export function CohortFeed({ cohortId }: { cohortId: string }) {
  const { t } = useTranslation();
  const create = useCreateCalendarFeed();
  const [created, setCreated] = useState<CreatedCalendarFeed | null>(null);
  return (
    <div>
      <p>{t('calendars.cohortIntro')}</p>
      {created ? (
        <NewFeedUrl feed={created} />
      ) : (
        <button
          type="button"
          className="button button--secondary"
          disabled={create.isPending}
          onClick={() => create.mutate({ kind: 'cohort', cohortId }, { onSuccess: setCreated })}
        >
          {t('calendars.createCohort')}
        </button>
      )}
      {create.isError && <ProblemAlert error={create.error} />}
    </div>
  );
}
