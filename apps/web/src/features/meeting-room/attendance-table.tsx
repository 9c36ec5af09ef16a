// Who attended, recorded from presence: person, city, role, first joined, last left, minutes present; then who
// was invited and never came.
import { useTranslation } from 'react-i18next';
import type { AttendanceReport } from '@minga/contracts';
import { EmptyState, ErrorState, LoadingState } from '../../components/status-messages';
import { useFormatters } from '../../lib/formatters';
import { useAttendance } from './api';

export function AttendanceSection({ occurrenceId }: { occurrenceId: string }) {
  const { t } = useTranslation();
  const attendance = useAttendance(occurrenceId);
  return (
    <section className="section" aria-labelledby="attendance-heading">
      <h2 id="attendance-heading">{t('meetingRoom.attendance.heading')}</h2>
      {attendance.isPending && <LoadingState />}
      {attendance.isError && <ErrorState error={attendance.error} onRetry={() => void attendance.refetch()} />}
      {attendance.data && <AttendanceTable report={attendance.data} />}
    </section>
  );
}

function AttendanceTable({ report }: { report: AttendanceReport }) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const time = new Intl.DateTimeFormat(formatters.locale, { timeStyle: 'short', timeZone: formatters.timeZone });
  return (
    <>
      {report.attendees.length === 0 ? (
        <EmptyState>{t('meetingRoom.attendance.nobody')}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption>{t('meetingRoom.attendance.caption', { count: report.attendees.length, zone: formatters.timeZone })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('meetingRoom.attendance.person')}</th>
                <th scope="col">{t('meetingRoom.attendance.city')}</th>
                <th scope="col">{t('meetingRoom.attendance.role')}</th>
                <th scope="col">{t('meetingRoom.attendance.joined')}</th>
                <th scope="col">{t('meetingRoom.attendance.left')}</th>
                <th scope="col" className="numeric">
                  {t('meetingRoom.attendance.minutes')}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.attendees.map((attendee) => (
                <tr key={attendee.user.id}>
                  <th scope="row">{attendee.user.name}</th>
                  <td>{attendee.city?.name ?? t('meetingRoom.presence.noCity')}</td>
                  <td>
                    {[
                      attendee.memberRole ? t(`roles.${attendee.memberRole}`) : '',
                      attendee.role === 'host' ? t('meetingRoom.presence.host') : '',
                    ]
                      .filter(Boolean)
                      .join(', ') || '–'}
                  </td>
                  <td>{time.format(new Date(attendee.firstJoinedAt))}</td>
                  <td>{attendee.lastLeftAt ? time.format(new Date(attendee.lastLeftAt)) : t('meetingRoom.attendance.stillHere')}</td>
                  <td className="numeric">
                    {formatters.number(attendee.minutesPresent)}
                    {attendee.stays > 1 && <span className="muted"> {t('meetingRoom.attendance.stays', { count: attendee.stays })}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{t('meetingRoom.attendance.absentHeading')}</h3>
      {report.absent.length === 0 ? (
        <p className="muted">{t('meetingRoom.attendance.noneAbsent')}</p>
      ) : (
        <ul className="attendance-absent">
          {report.absent.map((person) => (
            <li key={person.user.id}>
              {person.city
                ? t('meetingRoom.attendance.personOfCity', { name: person.user.name, city: person.city.name })
                : person.user.name}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
