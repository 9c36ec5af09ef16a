// A cohort: its facts, member cities with their drafts and plans, upcoming meetings, the fair slot finder that starts
// scheduling, its people, and a calendar subscription of its meetings.
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { CohortOverview, Slot } from '@minga/contracts';
import { instantToLocal } from '@minga/scheduling';
import { PageHeading } from '../components/page-heading';
import { QueryState } from '../components/query-state';
import { CohortFeed } from '../features/calendars/cohort-feed';
import { useCohortOverview } from '../features/cohorts/api';
import { CohortCities } from '../features/cohorts/cohort-cities';
import { CohortFacts } from '../features/cohorts/cohort-facts';
import { CohortPeople } from '../features/cohorts/cohort-people';
import { OccurrenceList } from '../features/meetings/occurrence-list';
import { SlotFinder } from '../features/meetings/slot-finder';
import { useFormatters } from '../lib/formatters';
import { useSession } from '../lib/session';

export default function CohortPage() {
  const { t } = useTranslation();
  const { cohortId = '' } = useParams();
  const overview = useCohortOverview(cohortId);
  return (
    <div className="page">
      <PageHeading>{overview.data?.cohort.name ?? t('cohorts.fallbackTitle')}</PageHeading>
      <QueryState query={overview}>{(data) => <CohortSections overview={data} />}</QueryState>
    </div>
  );
}

function CohortSections({ overview }: { overview: CohortOverview }) {
  const { t } = useTranslation();
  const { ability } = useSession();
  const format = useFormatters();
  const navigate = useNavigate();
  const { cohort } = overview;
  const canSchedule = ability.can('create', {
    kind: 'Meeting',
    id: '',
    hubId: cohort.hubId,
    organiserId: '',
    invited: false,
  });
  const canEdit = ability.can('update', {
    kind: 'Cohort',
    id: cohort.id,
    hubId: cohort.hubId,
  });

  /** The slot, written in the viewer's own zone, starts the schedule form: the viewer organises. */
  function schedule(slot: Slot, seriesLength: number | null, rotation?: Slot[]) {
    const params = new URLSearchParams({
      start: instantToLocal(slot.startsAt, format.timeZone),
      zone: format.timeZone,
      duration: String(Math.round((Date.parse(slot.endsAt) - Date.parse(slot.startsAt)) / 60_000)),
    });
    if (seriesLength) params.set('series', String(seriesLength));
    // A rotation keeps each meeting's time of day, in the organiser's zone, for the series to take in turn.
    if (rotation)
      params.set('rotate', rotation.map((proposal) => instantToLocal(proposal.startsAt, format.timeZone).slice(11, 16)).join(','));
    void navigate(`/cohorts/${cohort.id}/meetings/new?${params.toString()}`);
  }

  return (
    <>
      <CohortFacts cohort={cohort} />
      <ul className="open-data-links hub-links">
        <li>
          <Link to={`/cohorts/${cohort.id}/dashboard`}>{t('dashboards.openCohortDashboard', { cohort: cohort.name })}</Link>
        </li>
        {canSchedule && (
          <li>
            <Link to={`/cohorts/${cohort.id}/meetings/new`}>{t('cohorts.scheduleMeeting')}</Link>
          </li>
        )}
        {canEdit && (
          <li>
            <Link to={`/cohorts/${cohort.id}/edit`}>{t('cohorts.edit')}</Link>
          </li>
        )}
      </ul>
      <nav aria-label={t('cohorts.sectionsNav')} className="section-nav">
        <ul>
          <li>
            <a href="#cohort-cities">{t('cohorts.citiesHeading')}</a>
          </li>
          <li>
            <a href="#cohort-meetings">{t('cohorts.meetingsHeading')}</a>
          </li>
          {canSchedule && (
            <li>
              <a href="#cohort-slots">{t('meetings.slots.heading')}</a>
            </li>
          )}
          <li>
            <a href="#cohort-people">{t('cohorts.peopleHeading')}</a>
          </li>
          <li>
            <a href="#cohort-calendar">{t('calendars.cohortHeading')}</a>
          </li>
        </ul>
      </nav>
      <section className="section" aria-labelledby="cohort-cities">
        <h2 id="cohort-cities" tabIndex={-1}>
          {t('cohorts.citiesHeading')}
        </h2>
        <CohortCities cities={overview.cities} caption={t('cohorts.citiesCaption', { cohort: cohort.name })} />
      </section>
      <section className="section" aria-labelledby="cohort-meetings">
        <h2 id="cohort-meetings" tabIndex={-1}>
          {t('cohorts.meetingsHeading')}
        </h2>
        <OccurrenceList source={{ kind: 'cohort', cohortId: cohort.id }} emptyText={t('cohorts.meetingsEmpty')} />
      </section>
      {canSchedule && (
        <section className="section" aria-labelledby="cohort-slots">
          <h2 id="cohort-slots" tabIndex={-1}>
            {t('meetings.slots.heading')}
          </h2>
          <p className="lead">{t('meetings.slots.intro')}</p>
          <SlotFinder cohortId={cohort.id} onChoose={schedule} />
        </section>
      )}
      <section className="section" aria-labelledby="cohort-people">
        <h2 id="cohort-people" tabIndex={-1}>
          {t('cohorts.peopleHeading')}
        </h2>
        <CohortPeople people={overview.people} />
      </section>
      <section className="section" aria-labelledby="cohort-calendar">
        <h2 id="cohort-calendar" tabIndex={-1}>
          {t('calendars.cohortHeading')}
        </h2>
        <CohortFeed cohortId={cohort.id} />
      </section>
    </>
  );
}
