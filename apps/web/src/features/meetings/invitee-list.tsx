// Who is invited to a meeting, with each person's city (officials), role and answer to one date, as a table.
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../components/status-messages';
import { useFormatters } from '../../lib/formatters';
import { useInvitees } from './api';

export function InviteeList({ meetingId, occurrenceId }: { meetingId: string; occurrenceId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const invitees = useInvitees(meetingId, occurrenceId, true);
  if (invitees.isPending) return <LoadingState />;
  if (invitees.isError) return <ErrorState error={invitees.error} onRetry={() => void invitees.refetch()} />;
  if (invitees.data.invitees.length === 0) return <p className="status status--empty">{t('meetings.invitees.none')}</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{t('meetings.invitees.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('meetings.rsvp.person')}</th>
            <th scope="col">{t('meetings.invitees.city')}</th>
            <th scope="col">{t('meetings.invitees.role')}</th>
            <th scope="col">{t('meetings.invitees.answer')}</th>
          </tr>
        </thead>
        <tbody>
          {invitees.data.invitees.map((invitee) => (
            <tr key={invitee.person.id}>
              <th scope="row">{invitee.person.name}</th>
              <td>{invitee.city?.name ?? ''}</td>
              <td>{invitee.role ? t(`meetings.invitees.roles.${invitee.role}`) : t('meetings.invitees.noRole')}</td>
              <td>
                {invitee.response === null
                  ? t('meetings.invitees.noAnswer')
                  : invitee.waitlistPosition !== null
                    ? t('meetings.rsvp.waitlistPlace', {
                        position: format.number(invitee.waitlistPosition),
                      })
                    : t(`meetings.rsvp.answer.${invitee.response}`)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
