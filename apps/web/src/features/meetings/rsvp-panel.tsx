// Will you attend? Yes, no or maybe, with the places left and, past capacity, the viewer's place on the waiting list.
import { useTranslation } from 'react-i18next';
import { RSVP_RESPONSES, type OccurrenceDetail } from '@minga/contracts';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormatters } from '../../lib/formatters';
import { useRsvp } from './api';
import './meetings.css';

export function RsvpPanel({ occurrence }: { occurrence: OccurrenceDetail }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const rsvp = useRsvp(occurrence.id);
  const counts = occurrence.rsvpCounts;
  const mine = occurrence.myRsvp;
  const past = new Date(occurrence.endsAt).getTime() < Date.now();
  const cancelled = occurrence.status === 'cancelled';
  return (
    <div className="rsvp">
      <p>
        {occurrence.capacity === null
          ? t('meetings.rsvp.countsNoLimit', {
              yes: format.number(counts.yes),
              maybe: format.number(counts.maybe),
              no: format.number(counts.no),
            })
          : t('meetings.rsvp.counts', {
              yes: format.number(counts.yes),
              capacity: format.number(occurrence.capacity),
              maybe: format.number(counts.maybe),
              no: format.number(counts.no),
            })}
        {counts.waitlisted > 0 && <> {t('meetings.rsvp.waitlisted', { number: format.number(counts.waitlisted) })}</>}
      </p>
      {!occurrence.invited ? (
        <p className="muted">{t('meetings.rsvp.notInvited')}</p>
      ) : cancelled || past ? (
        <p className="muted">{cancelled ? t('meetings.rsvp.closedCancelled') : t('meetings.rsvp.closedPast')}</p>
      ) : (
        <div role="group" aria-label={t('meetings.rsvp.question')} className="rsvp-options">
          <span className="field-label">{t('meetings.rsvp.question')}</span>
          {RSVP_RESPONSES.map((response) => (
            <button
              key={response}
              type="button"
              className="button button--secondary rsvp-button"
              aria-pressed={mine?.response === response}
              disabled={rsvp.isPending}
              onClick={() => rsvp.mutate({ response })}
            >
              {t(`meetings.rsvp.answer.${response}`)}
            </button>
          ))}
        </div>
      )}
      <p role="status" className="rsvp-status">
        {mine &&
          (mine.waitlistPosition !== null
            ? t('meetings.rsvp.onWaitlist', { position: format.number(mine.waitlistPosition) })
            : t(`meetings.rsvp.youAnswered.${mine.response}`))}
      </p>
      {rsvp.isError && <ProblemAlert error={rsvp.error} />}
    </div>
  );
}
