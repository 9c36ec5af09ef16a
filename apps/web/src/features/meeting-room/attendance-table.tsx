// Who attended, recorded from presence: person, city, role, first joined, last left, minutes present; then who
// was invited and never came.
import { useTranslation } from 'react-i18next';
import type { AttendanceReport } from '@minga/contracts';
import { DataTable } from '../../components/data-table';
import { QueryState } from '../../components/query-state';
import { useFormatters } from '../../lib/formatters';
import { useAttendance } from './api';
import './meeting-room.css';

export function AttendanceSection({ occurrenceId }: { occurrenceId: string }) {
  const { t } = useTranslation();
  const attendance = useAttendance(occurrenceId);
  return (
    <section className="section" aria-labelledby="attendance-heading">
      <h2 id="attendance-heading">{t('meetingRoom.attendance.heading')}</h2>
      <QueryState query={attendance}>{(report) => <AttendanceTable report={report} />}</QueryState>
    </section>
  );
}

function AttendanceTable({ report }: { report: AttendanceReport }) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const time = new Intl.DateTimeFormat(formatters.locale, { timeStyle: 'short', timeZone: formatters.timeZone });
  return (
    <>
      <DataTable
        caption={t('meetingRoom.attendance.caption', { count: report.attendees.length, zone: formatters.timeZone })}
        emptyText={t('meetingRoom.attendance.nobody')}
        rows={report.attendees}
        rowKey={(attendee) => attendee.user.id}
        columns={[
          { header: t('meetingRoom.attendance.person'), rowHeader: true, cell: (attendee) => attendee.user.name },
          { header: t('meetingRoom.attendance.city'), cell: (attendee) => attendee.city?.name ?? t('meetingRoom.presence.noCity') },
          {
            header: t('meetingRoom.attendance.role'),
            cell: (attendee) =>
              [attendee.memberRole ? t(`roles.${attendee.memberRole}`) : '', attendee.role === 'host' ? t('meetingRoom.presence.host') : '']
                .filter(Boolean)
                .join(', ') || '–',
          },
          { header: t('meetingRoom.attendance.joined'), cell: (attendee) => time.format(new Date(attendee.firstJoinedAt)) },
          {
            header: t('meetingRoom.attendance.left'),
            cell: (attendee) => (attendee.lastLeftAt ? time.format(new Date(attendee.lastLeftAt)) : t('meetingRoom.attendance.stillHere')),
          },
          {
            header: t('meetingRoom.attendance.minutes'),
            className: 'numeric',
            cell: (attendee) => (
              <>
                {formatters.number(attendee.minutesPresent)}
                {attendee.stays > 1 && <span className="muted"> {t('meetingRoom.attendance.stays', { count: attendee.stays })}</span>}
              </>
            ),
          },
        ]}
      />
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
