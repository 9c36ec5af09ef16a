// A meeting or a whole series: its facts, description, template agenda and every occurrence; coordinators edit or
// cancel it here.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Meeting } from '@minga/contracts';
import { PageHeading } from '../components/page-heading';
import { QueryState } from '../components/query-state';
import { AgendaView } from '../features/meetings/agenda-view';
import { useMeeting } from '../features/meetings/api';
import { CancelMeeting } from '../features/meetings/cancel-meeting';
import { IcsButton } from '../features/meetings/ics-button';
import { MeetingSummary } from '../features/meetings/meeting-summary';
import { OccurrenceList } from '../features/meetings/occurrence-list';

export default function MeetingPage() {
  const { t } = useTranslation();
  const { meetingId = '' } = useParams();
  const meeting = useMeeting(meetingId);
  return (
    <div className="page">
      <PageHeading>{meeting.data?.title ?? t('meetings.occurrence.fallbackTitle')}</PageHeading>
      <QueryState query={meeting}>{(data) => <MeetingSections meeting={data} />}</QueryState>
    </div>
  );
}

function MeetingSections({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  return (
    <>
      {meeting.status === 'cancelled' && (
        <div className="alert alert--error" role="note">
          <p className="alert-title">
            {meeting.rrule ? t('meetings.series.cancelledSeriesNotice') : t('meetings.occurrence.cancelledNotice')}
          </p>
        </div>
      )}
      <MeetingSummary meeting={meeting} />
      <div className="inline-actions">
        <IcsButton meetingId={meeting.id} />
        {meeting.canManage && meeting.status !== 'cancelled' && (
          <Link to={`/meetings/${meeting.id}/edit`}>{t('meetings.series.edit')}</Link>
        )}
      </div>
      {meeting.description && (
        <section className="section" aria-labelledby="meeting-description">
          <h2 id="meeting-description">{t('meetings.form.description')}</h2>
          <p className="meeting-description">{meeting.description}</p>
        </section>
      )}
      <section className="section" aria-labelledby="meeting-occurrences">
        <h2 id="meeting-occurrences">{meeting.rrule ? t('meetings.series.occurrencesHeading') : t('meetings.series.occurrenceHeading')}</h2>
        <OccurrenceList
          source={{ kind: 'meeting', meetingId: meeting.id }}
          emptyText={t('meetings.series.noOccurrences')}
          daysAhead={400}
        />
      </section>
      <section className="section" aria-labelledby="meeting-agenda">
        <h2 id="meeting-agenda">{t('meetings.series.templateAgenda')}</h2>
        {meeting.rrule && <p className="field-hint">{t('meetings.series.templateAgendaHint')}</p>}
        <AgendaView items={meeting.agenda} />
      </section>
      {meeting.canManage && (
        <section className="section" aria-labelledby="meeting-cancel">
          <h2 id="meeting-cancel">{t('meetings.series.cancelHeading')}</h2>
          <CancelMeeting meeting={meeting} />
        </section>
      )}
    </>
  );
}
