// Cancels a whole meeting (every occurrence of a series) after a confirmation; calendars receive STATUS:CANCELLED.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '@minga/contracts';
import { ProblemAlert } from '../../components/problem-alert';
import { useUpdateMeeting } from './api';

export function CancelMeeting({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const update = useUpdateMeeting(meeting.id);
  const [confirming, setConfirming] = useState(false);
  if (meeting.status === 'cancelled') return null;
  return (
    <div>
      {confirming ? (
        <div className="restore-confirm" role="group" aria-label={t('meetings.series.cancelConfirmLabel')}>
          <p className="restore-question">
            {meeting.rrule ? t('meetings.series.cancelSeriesQuestion') : t('meetings.series.cancelQuestion')}
          </p>
          <span className="inline-actions">
            <button
              type="button"
              className="button button--danger"
              autoFocus
              disabled={update.isPending}
              onClick={() => update.mutate({ status: 'cancelled' }, { onSuccess: () => setConfirming(false) })}
            >
              {t('meetings.series.cancelConfirm')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              {t('meetings.occurrence.keep')}
            </button>
          </span>
        </div>
      ) : (
        <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
          {meeting.rrule ? t('meetings.series.cancelSeries') : t('meetings.series.cancel')}
        </button>
      )}
      {update.isError && <ProblemAlert error={update.error} />}
    </div>
  );
}
