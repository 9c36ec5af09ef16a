// The signed-in person's agenda: the meetings they are invited to, by day in their own time zone, and a link to
// subscribe from a calendar app.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../components/page-heading';
import { OccurrenceList } from '../features/meetings/occurrence-list';
import { useFormatters } from '../lib/formatters';

export default function MyMeetingsPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <div className="page page--medium">
      <PageHeading>{t('meetings.mine.title')}</PageHeading>
      <p className="lead">{t('meetings.mine.intro', { zone: format.timeZone.replaceAll('_', ' ') })}</p>
      <p>
        <Link to="/profile#profile-calendars">{t('meetings.mine.subscribe')}</Link>
      </p>
      <OccurrenceList source={{ kind: 'mine' }} emptyText={t('meetings.mine.empty')} headingLevel={2} showCohort />
    </div>
  );
}
