// A meeting's facts as a description list: its first start in the organiser's and the viewer's zones, how it
// repeats, where it happens, its limit on places, and its invitees.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Meeting } from '@minga/contracts';
import { useFormatters } from '../../lib/formatters';
import { MeetingTime } from './meeting-time';
import { recurrenceOf, weekdayInMonth } from './recurrence';
import { instantOf } from './zone-times';

function useRepeatText() {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  return (meeting: Pick<Meeting, 'rrule' | 'localStart'>) => {
    const recurrence = recurrenceOf(meeting.rrule);
    if (recurrence.repeat === 'none') return t('meetings.repeat.once');
    if (recurrence.repeat === 'custom') return t('meetings.repeat.customValue', { rule: meeting.rrule });
    const ends =
      recurrence.end === 'count'
        ? t('meetings.repeat.endsAfter', { number: format.number(Number(recurrence.count)) })
        : t('meetings.repeat.endsOn', { date: format.day(recurrence.until) });
    if (recurrence.repeat === 'weekly') return `${t('meetings.repeat.weekly')}, ${ends}`;
    const { weekday, rank } = weekdayInMonth(meeting.localStart.slice(0, 10));
    const day = new Intl.DateTimeFormat(i18n.resolvedLanguage ?? 'en', { weekday: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2024, 0, weekday + 1)),
    );
    return `${t('meetings.repeat.monthlyOn', { rank: t(`meetings.repeat.rank.${rank === -1 ? 'last' : rank}`), day })}, ${ends}`;
  };
}

export function MeetingSummary({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const repeatText = useRepeatText();
  const start = instantOf(meeting.localStart, meeting.timeZone);
  return (
    <dl className="facts">
      {start && (
        <div className="facts-item facts-item--wide">
          <dt>{meeting.rrule ? t('meetings.series.firstMeeting') : t('meetings.occurrence.when')}</dt>
          <dd>
            <MeetingTime
              startsAt={start.toISOString()}
              endsAt={new Date(start.getTime() + meeting.durationMinutes * 60_000).toISOString()}
              timeZone={meeting.timeZone}
              stacked
            />
          </dd>
        </div>
      )}
      <div className="facts-item facts-item--wide">
        <dt>{t('meetings.series.repeats')}</dt>
        <dd>{repeatText(meeting)}</dd>
      </div>
      <div className="facts-item">
        <dt>{t('meetings.occurrence.organiser')}</dt>
        <dd>{meeting.organiser.name}</dd>
      </div>
      <div className="facts-item">
        <dt>{meeting.cohort ? t('meetings.occurrence.cohort') : t('meetings.occurrence.hub')}</dt>
        <dd>
          {meeting.cohort ? (
            <Link to={`/cohorts/${meeting.cohort.id}`}>{meeting.cohort.name}</Link>
          ) : (
            <Link to={`/hubs/${meeting.hubId}`}>{meeting.hubName}</Link>
          )}
        </dd>
      </div>
      <div className="facts-item">
        <dt>{t('meetings.form.capacity')}</dt>
        <dd>{meeting.capacity === null ? t('meetings.series.noLimit') : format.number(meeting.capacity)}</dd>
      </div>
      <div className="facts-item">
        <dt>{t('meetings.series.invitees')}</dt>
        <dd>{format.number(meeting.inviteeCount)}</dd>
      </div>
      {meeting.place && (
        <div className="facts-item">
          <dt>{t('meetings.occurrence.place')}</dt>
          <dd>{meeting.place}</dd>
        </div>
      )}
      {meeting.draft && (
        <div className="facts-item">
          <dt>{t('meetings.occurrence.draft')}</dt>
          <dd>
            <Link to={`/drafts/${meeting.draft.id}`}>{meeting.draft.title}</Link>
          </dd>
        </div>
      )}
    </dl>
  );
}
