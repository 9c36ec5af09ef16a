// Occurrences as an agenda: grouped by the day they fall on in the viewer's zone, each with its time there and in the
// organiser's zone, its cohort, whether it was moved or cancelled, and the viewer's answer.
import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Occurrence } from '@minga/contracts';
import { LoadMoreButton } from '../../components/load-more-button';
import { EmptyState, ErrorState, LoadingState } from '../../components/status-messages';
import { useFormatters } from '../../lib/formatters';
import { useOccurrences, type OccurrenceSource } from './api';
import { MeetingTime } from './meeting-time';
import { localDay } from './zone-times';
import './meetings.css';

interface OccurrenceListProps {
  source: OccurrenceSource;
  emptyText: string;
  /** Heading level of the day headings, under the section that holds the list. */
  headingLevel?: 2 | 3 | 4;
  showCohort?: boolean;
  /** How far ahead to look; the API's default (90 days) unless told. */
  daysAhead?: number;
}

const HEADINGS = { 2: 'h2', 3: 'h3', 4: 'h4' } as const;

export function OccurrenceList({ source, emptyText, headingLevel = 3, showCohort = false, daysAhead }: OccurrenceListProps) {
  const format = useFormatters();
  // Fixed once per mount: a range that moved with every render would make a new query each time.
  const [range] = useState(() => {
    if (!daysAhead) return {};
    const from = new Date();
    return { from: from.toISOString(), to: new Date(from.getTime() + daysAhead * 86_400_000).toISOString() };
  });
  const query = useOccurrences(source, range);
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data.pages.flatMap((page) => page.items);
  if (items.length === 0) return <EmptyState>{emptyText}</EmptyState>;

  const days = new Map<string, Occurrence[]>();
  for (const item of items) {
    const day = localDay(new Date(item.startsAt), format.timeZone);
    days.set(day, [...(days.get(day) ?? []), item]);
  }
  const Heading = HEADINGS[headingLevel];
  const dayName = new Intl.DateTimeFormat(format.locale, { dateStyle: 'full', timeZone: 'UTC' });
  return (
    <>
      <ul className="meeting-list">
        {[...days.entries()].map(([day, occurrences]) => (
          <li key={day} className="meeting-day">
            <Heading className="meeting-day-heading">{dayName.format(new Date(`${day}T00:00:00Z`))}</Heading>
            <ul className="meeting-list">
              {occurrences.map((occurrence) => (
                <li key={occurrence.id} className="meeting-item">
                  <Link to={`/occurrences/${occurrence.id}`} className="meeting-item-title">
                    {occurrence.title}
                  </Link>
                  <span>
                    <MeetingTime
                      startsAt={occurrence.startsAt}
                      endsAt={occurrence.endsAt}
                      timeZone={occurrence.timeZone}
                      withDate={false}
                    />
                  </span>
                  <OccurrenceMeta occurrence={occurrence} showCohort={showCohort} />
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {query.hasNextPage && <LoadMoreButton onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} />}
    </>
  );
}

/** Cohort, moved or cancelled, and the viewer's answer, separated by dots; nothing when there is nothing to say. */
function OccurrenceMeta({ occurrence, showCohort }: { occurrence: Occurrence; showCohort: boolean }) {
  const { t } = useTranslation();
  const parts: ReactNode[] = [];
  if (showCohort && occurrence.cohort) parts.push(occurrence.cohort.name);
  if (occurrence.status === 'cancelled')
    parts.push(<span className="meeting-tag meeting-tag--cancelled">{t('meetings.status.cancelled')}</span>);
  else if (occurrence.overridden) parts.push(<span className="meeting-tag meeting-tag--moved">{t('meetings.status.changed')}</span>);
  if (occurrence.myRsvp) parts.push(<RsvpSummary rsvp={occurrence.myRsvp} />);
  if (parts.length === 0) return null;
  return (
    <span className="meeting-item-meta">
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && ' · '}
          {part}
        </Fragment>
      ))}
    </span>
  );
}

function RsvpSummary({ rsvp }: { rsvp: NonNullable<Occurrence['myRsvp']> }) {
  const { t } = useTranslation();
  if (rsvp.waitlistPosition !== null) return <>{t('meetings.rsvp.youWait', { position: rsvp.waitlistPosition })}</>;
  return <>{t(`meetings.rsvp.youAnswered.${rsvp.response}`)}</>;
}
