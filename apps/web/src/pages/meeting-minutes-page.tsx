// After the meeting: its minutes (from the shared notes, approved and published by the host), who attended, and the
// action items agreed, which go to the cities' action plans.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CityRef, OccurrenceDetail, PersonRef } from '@minga/contracts';
import { PageHeading } from '../components/page-heading';
import { QueryState } from '../components/query-state';
import { useAttendance, useOccurrence } from '../features/meeting-room/api';
import { ActionItemsSection } from '../features/meeting-room/action-items-panel';
import { AttendanceSection } from '../features/meeting-room/attendance-table';
import { MinutesPanel } from '../features/meeting-room/minutes-panel';
import { PollResultsSection } from '../features/meeting-room/poll-results-section';
import { RoomTimesLine } from '../features/meeting-room/room-header';
import { useFormatters } from '../lib/formatters';
import { useSession } from '../lib/session';

export default function MeetingMinutesPage() {
  const { t } = useTranslation();
  const { occurrenceId = '' } = useParams();
  const occurrence = useOccurrence(occurrenceId);
  const title = occurrence.data ? t('meetingRoom.after.heading', { title: occurrence.data.title }) : t('meetingRoom.after.fallbackHeading');
  return (
    <div className="page">
      <PageHeading>{title}</PageHeading>
      <QueryState query={occurrence}>{(data) => <AfterMeeting occurrence={data} />}</QueryState>
    </div>
  );
}

function AfterMeeting({ occurrence }: { occurrence: OccurrenceDetail }) {
  const { t } = useTranslation();
  const { user, ability } = useSession();
  const formatters = useFormatters();
  const subject = {
    kind: 'Meeting',
    id: occurrence.meetingId,
    hubId: occurrence.hubId,
    organiserId: occurrence.organiser.id,
    invited: occurrence.invited,
  } as const;
  const isHost = ability.can('host', subject);
  const attendance = useAttendance(occurrence.id, isHost);
  const people = peopleOf(attendance.data, user);
  const cities: CityRef[] = occurrence.cities.map(({ id, name }) => ({ id, name }));
  return (
    <>
      <RoomTimesLine times={occurrence} locale={formatters.locale} viewerZone={formatters.timeZone} />
      <nav aria-label={t('meetingRoom.sectionsNav')} className="section-nav">
        <ul>
          <li>
            <a href="#minutes-heading">{t('meetingRoom.minutes.heading')}</a>
          </li>
          {isHost && (
            <li>
              <a href="#attendance-heading">{t('meetingRoom.attendance.heading')}</a>
            </li>
          )}
          <li>
            <a href="#poll-results-heading">{t('meetingRoom.polls.heading')}</a>
          </li>
          <li>
            <a href="#action-items-heading">{t('meetingRoom.actionItems.heading')}</a>
          </li>
          <li>
            <Link to={`/occurrences/${occurrence.id}/room`}>{t('meetingRoom.after.roomLink')}</Link>
          </li>
          <li>
            <Link to={`/occurrences/${occurrence.id}`}>{t('meetingRoom.header.detailsLink')}</Link>
          </li>
        </ul>
      </nav>
      <MinutesPanel occurrenceId={occurrence.id} isHost={isHost} exist={occurrence.minutes !== null} />
      {isHost && <AttendanceSection occurrenceId={occurrence.id} />}
      <PollResultsSection occurrenceId={occurrence.id} />
      <ActionItemsSection
        occurrenceId={occurrence.id}
        isHost={isHost}
        userId={user?.id ?? null}
        cohortId={occurrence.cohort?.id ?? null}
        people={people}
        cities={cities}
      />
    </>
  );
}

/** Who may own an action item: everyone the host's attendance report names, or at least oneself. */
function peopleOf(
  report: { attendees: { user: PersonRef }[]; absent: { user: PersonRef }[] } | undefined,
  self: PersonRef | null,
): PersonRef[] {
  const byId = new Map<string, PersonRef>();
  if (self) byId.set(self.id, { id: self.id, name: self.name });
  for (const entry of [...(report?.attendees ?? []), ...(report?.absent ?? [])]) byId.set(entry.user.id, entry.user);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}
