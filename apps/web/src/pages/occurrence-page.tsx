// One meeting (one occurrence of a series): when it is for the viewer, the organiser and every participating city,
// where to join, the viewer's answer, the agenda, who answered, and for coordinators moving, cancelling and the agenda.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { OccurrenceDetail } from '@minga/contracts';
import { DataTable } from '../components/data-table';
import { PageHeading } from '../components/page-heading';
import { QueryState } from '../components/query-state';
import { useCohortOverview } from '../features/cohorts/api';
import { AgendaView } from '../features/meetings/agenda-view';
import { useMeeting, useOccurrence, useRsvps } from '../features/meetings/api';
import { CityTimeStrip } from '../features/meetings/city-time-strip';
import { IcsButton } from '../features/meetings/ics-button';
import { InviteeList } from '../features/meetings/invitee-list';
import { MeetingTime } from '../features/meetings/meeting-time';
import { MoveOccurrence, OccurrenceAgendaEditor, OccurrenceStatusButton } from '../features/meetings/occurrence-manager';
import { RsvpPanel } from '../features/meetings/rsvp-panel';
import { useFormatters } from '../lib/formatters';

export default function OccurrencePage() {
  const { t } = useTranslation();
  const { occurrenceId = '' } = useParams();
  const occurrence = useOccurrence(occurrenceId);
  return (
    <div className="page">
      <PageHeading>{occurrence.data?.title ?? t('meetings.occurrence.fallbackTitle')}</PageHeading>
      <QueryState query={occurrence}>{(data) => <OccurrenceSections occurrence={data} />}</QueryState>
    </div>
  );
}

function OccurrenceSections({ occurrence }: { occurrence: OccurrenceDetail }) {
  const { t } = useTranslation();
  const cancelled = occurrence.status === 'cancelled';
  const mayAttend = occurrence.invited || occurrence.canManage;
  return (
    <>
      {cancelled && (
        <div className="alert alert--error" role="note">
          <p className="alert-title">{t('meetings.occurrence.cancelledNotice')}</p>
        </div>
      )}
      <p className="meeting-when">
        <span className="visually-hidden">{t('meetings.occurrence.when')}: </span>
        <MeetingTime startsAt={occurrence.startsAt} endsAt={occurrence.endsAt} timeZone={occurrence.timeZone} stacked />
        {occurrence.overridden && !cancelled && (
          <>
            {' '}
            <span className="meeting-tag meeting-tag--moved">{t('meetings.status.changed')}</span>
          </>
        )}
      </p>
      <dl className="facts">
        <div className="facts-item">
          <dt>{t('meetings.occurrence.organiser')}</dt>
          <dd>{occurrence.organiser.name}</dd>
        </div>
        <div className="facts-item">
          <dt>{occurrence.cohort ? t('meetings.occurrence.cohort') : t('meetings.occurrence.hub')}</dt>
          <dd>
            {occurrence.cohort ? (
              <Link to={`/cohorts/${occurrence.cohort.id}`}>{occurrence.cohort.name}</Link>
            ) : (
              <Link to={`/hubs/${occurrence.hubId}`}>{t('meetings.occurrence.hubLink')}</Link>
            )}
          </dd>
        </div>
        {occurrence.place && (
          <div className="facts-item">
            <dt>{t('meetings.occurrence.place')}</dt>
            <dd>{occurrence.place}</dd>
          </div>
        )}
        {occurrence.draft && (
          <div className="facts-item">
            <dt>{t('meetings.occurrence.draft')}</dt>
            <dd>
              <Link to={`/drafts/${occurrence.draft.id}`}>{occurrence.draft.title}</Link>
            </dd>
          </div>
        )}
      </dl>
      {occurrence.cities.length > 0 && (
        <section className="section" aria-labelledby="occurrence-cities">
          <h2 id="occurrence-cities">{t('meetings.strip.heading')}</h2>
          <CityTimeStrip
            startsAt={occurrence.startsAt}
            endsAt={occurrence.endsAt}
            referenceZone={occurrence.timeZone}
            cities={occurrence.cities}
          />
        </section>
      )}
      <section className="section" aria-labelledby="occurrence-join">
        <h2 id="occurrence-join">{t('meetings.occurrence.joinHeading')}</h2>
        {!cancelled && mayAttend ? (
          <ul className="open-data-links">
            <li>
              <Link to={`/occurrences/${occurrence.id}/room`}>{t('meetings.occurrence.joinRoom')}</Link>
            </li>
            {occurrence.onlineUrl && (
              <li>
                <a href={occurrence.onlineUrl} rel="noopener noreferrer" target="_blank">
                  {t('meetings.occurrence.onlineLink')}
                </a>
              </li>
            )}
          </ul>
        ) : (
          <p className="muted">{cancelled ? t('meetings.occurrence.noJoinCancelled') : t('meetings.occurrence.noJoinNotInvited')}</p>
        )}
        <div className="inline-actions">
          <IcsButton meetingId={occurrence.meetingId} />
          <Link to={`/meetings/${occurrence.meetingId}`}>{t('meetings.occurrence.seriesLink')}</Link>
        </div>
      </section>
      <section className="section" aria-labelledby="occurrence-rsvp">
        <h2 id="occurrence-rsvp">{t('meetings.rsvp.heading')}</h2>
        <RsvpPanel occurrence={occurrence} />
      </section>
      <section className="section" aria-labelledby="occurrence-agenda">
        <h2 id="occurrence-agenda">{t('meetings.agenda.heading')}</h2>
        <AgendaView items={occurrence.agenda} />
        {occurrence.canManage && <AgendaEditorWithChoices occurrence={occurrence} />}
      </section>
      {mayAttend && (
        <section className="section" aria-labelledby="occurrence-answers">
          <h2 id="occurrence-answers">{t('meetings.rsvp.answersHeading')}</h2>
          <Answers occurrenceId={occurrence.id} meetingId={occurrence.meetingId} />
        </section>
      )}
      {mayAttend && (
        <section className="section" aria-labelledby="occurrence-invitees">
          <h2 id="occurrence-invitees">{t('meetings.invitees.heading')}</h2>
          <InviteeList meetingId={occurrence.meetingId} occurrenceId={occurrence.id} />
        </section>
      )}
      {occurrence.canManage && (
        <section className="section" aria-labelledby="occurrence-manage">
          <h2 id="occurrence-manage">{t('meetings.occurrence.manageHeading')}</h2>
          <div className="stack">
            {!cancelled && <MoveOccurrence occurrence={occurrence} />}
            <OccurrenceStatusButton occurrence={occurrence} />
          </div>
        </section>
      )}
    </>
  );
}

/** Presenters and drafts come from the cohort: its people and its cities' drafts. */
function AgendaEditorWithChoices({ occurrence }: { occurrence: OccurrenceDetail }) {
  const overview = useCohortOverview(occurrence.cohort?.id ?? '');
  const presenters = (overview.data?.people ?? []).map((person) => ({
    id: person.id,
    name: person.name,
  }));
  const drafts = (overview.data?.cities ?? []).flatMap((city) => (city.draft ? [{ id: city.draft.id, name: city.draft.title }] : []));
  return <OccurrenceAgendaEditor occurrence={occurrence} presenters={presenters} drafts={drafts} />;
}

/** Who answered what, after how many were invited (the meeting's invitees). */
function Answers({ occurrenceId, meetingId }: { occurrenceId: string; meetingId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const answers = useRsvps(occurrenceId, true);
  const meeting = useMeeting(meetingId);
  return (
    <QueryState query={answers}>
      {(list) => (
        <>
          {meeting.data && (
            <p>
              {t('meetings.rsvp.invitedCount', {
                invited: format.number(meeting.data.inviteeCount),
                answered: format.number(list.length),
              })}
            </p>
          )}
          <DataTable
            caption={t('meetings.rsvp.answersCaption')}
            emptyText={t('meetings.rsvp.noAnswers')}
            rows={list}
            rowKey={(answer) => answer.person.id}
            columns={[
              { header: t('meetings.rsvp.person'), rowHeader: true, cell: (answer) => answer.person.name },
              {
                header: t('meetings.rsvp.answerColumn'),
                cell: (answer) =>
                  answer.waitlistPosition !== null
                    ? t('meetings.rsvp.waitlistPlace', { position: format.number(answer.waitlistPosition) })
                    : t(`meetings.rsvp.answer.${answer.response}`),
              },
              { header: t('meetings.rsvp.answeredAt'), cell: (answer) => format.dateTime(answer.respondedAt) },
            ]}
          />
        </>
      )}
    </QueryState>
  );
}
